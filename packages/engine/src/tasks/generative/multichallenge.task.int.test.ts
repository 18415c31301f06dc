import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { MULTICHALLENGE_JUDGE_TEMPLATE, parseVerdict } from '../../scorers';
import { getTask } from '../registry';

const URL = hfFileUrl('nmayorga7/multichallenge', 'default/train/0000.parquet', 'refs/convert/parquet');

/** The model ("openai/fake") answers the last turn; the judge ("openai/grader") replies in three formats. */
function respond(model: string, prompt: string): string {
  if (model === 'grader') {
    if (prompt.includes('Rome est la capitale')) return '```json\n{"reasoning": "It is French.", "verdict": "YES"}\n```';
    if (prompt.includes('A zebra')) return 'The verdict is NO because it uses a z.';
    return 'Verdict follows {"reasoning": "It contradicts itself.", "verdict": "yes"}';
  }
  if (prompt.includes('capital of Italy')) return 'Rome est la capitale.';
  if (prompt.includes('striped African animal')) return 'A zebra.';
  return 'It leaves at 10, as I said.';
}

describe('multichallenge (constructed conversations), judged YES/NO against the pass criteria', () => {
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, { [URL]: 'nmayorga7-multichallenge-default-train.parquet' }, (body) =>
    respond(body.model, lastUserText(body)),
  );

  it('sends the conversation, judges with the strict template and reports per-axis pass rates', async () => {
    expect(getTask('multichallenge').graderModel).toBe('openai/gpt-4.1-2025-04-14');
    const task = getTask('multichallenge', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 0 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].messages.slice(0, 3)).toEqual([
      { role: 'user', content: 'From now on, answer only in French.' },
      { role: 'assistant', content: "D'accord." },
      { role: 'user', content: 'What is the capital of Italy?' },
    ]);
    // An unknown role ("System") is sent as a user message.
    expect(records[2].messages[0]).toEqual({ role: 'user', content: 'You are a travel agent.' });
    expect(records[0].target).toBe('YES');
    const judged = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('Rome est'))!;
    expect(lastUserText(judged)).toBe(
      MULTICHALLENGE_JUDGE_TEMPLATE.replace('{model_response}', 'Rome est la capitale.').replace('{target_question}', 'Is the final response written in French?'),
    );
    expect(records[0].scores.multichallenge_scorer).toMatchObject({
      value: 1,
      explanation: 'Judge verdict: YES | Expected: YES\nReasoning: It is French.',
      metadata: { question_id: 'constructed-q1', axis: 'INSTRUCTION_RETENTION', verdict: 'YES', expected: 'YES', passed: true },
    });
    expect(records[1].scores.multichallenge_scorer.explanation).toBe(
      'Judge verdict: NO | Expected: YES\nReasoning: The verdict is NO because it uses a z.',
    );
    expect(records[2].scores.multichallenge_scorer).toMatchObject({ value: 0, metadata: { verdict: 'YES', expected: 'NO' } });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 1 / 3 },
      stderr: { name: 'stderr', value: 0.33333333333333337 },
      axis_INSTRUCTION_RETENTION: { name: 'axis_INSTRUCTION_RETENTION', value: 0.5 },
      axis_SELF_COHERENCE: { name: 'axis_SELF_COHERENCE', value: 0 },
      overall_multichallenge: { name: 'overall_multichallenge', value: 0.25 },
    });
  });

  it('max_turns keeps the last N messages', async () => {
    const { records } = await offline.run(getTask('multichallenge', { graderModel: 'openai/grader', args: { max_turns: '1' } }));
    expect(records[0].messages[0]).toEqual({ role: 'user', content: 'What is the capital of Italy?' });
  });

  it('parses verdicts as upstream does: JSON first, then YES or NO anywhere (NO by default)', () => {
    expect(parseVerdict('{"verdict": " no ", "reasoning": 3}')).toEqual({ reasoning: '3', verdict: 'NO' });
    expect(parseVerdict('[1, 2] yes')).toEqual({ reasoning: '[1, 2] yes', verdict: 'YES' });
    expect(parseVerdict('not sure')).toEqual({ reasoning: 'not sure', verdict: 'NO' });
    expect(parseVerdict('maybe')).toEqual({ reasoning: 'maybe', verdict: 'NO' });
  });
});
