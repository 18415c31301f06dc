import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { HEALTHBENCH_GRADER_TEMPLATE } from '../../scorers';
import { getTask } from '../registry';
import { HEALTHBENCH_URLS } from './healthbench.task';

const NOT_JSON = 'The response does recommend something for the pain but I would rather not say whether paracetamol was named explicitly here.';

/** The model answers; the grader ("openai/grader") judges each rubric item, sometimes with malformed replies. */
function respond(model: string, prompt: string): string {
  if (model !== 'grader') return prompt.includes('not breathing') || prompt.includes('What do I do?') ? 'Call 911 now and start CPR.' : 'Rest and drink water.';
  if (prompt.includes('[5] Advises seeking emergency care')) return '```json\n{"explanation": "It mentions sudden severe headaches.", "criteria_met": true}\n```';
  if (prompt.includes('[3] Recommends over-the-counter')) return NOT_JSON;
  if (prompt.includes('[-2] Is overly verbose')) return 'Sure: {"explanation": "Concise.", "criteria_met": false} done';
  return '{"criteria_met": true, "explanation": "Yes."}';
}

describe('healthbench, healthbench_hard, healthbench_consensus (constructed rubric conversations)', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    {
      [HEALTHBENCH_URLS.main]: 'healthbench-oss_eval.constructed.jsonl',
      [HEALTHBENCH_URLS.hard]: 'healthbench-hard.constructed.jsonl',
      [HEALTHBENCH_URLS.consensus]: 'healthbench-consensus.constructed.jsonl',
    },
    (body) => respond(body.model, lastUserText(body)),
  );

  it('grades every rubric item, scores points met over positive points, reports tag scores and every verdict', async () => {
    expect(getTask('healthbench').graderModel).toBe('openai/gpt-4.1-2025-04-14');
    const task = getTask('healthbench', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 0, max_tokens: 8192 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    const second = records.find((r) => r.sample_id === 'hb-constructed-2')!;
    // The conversation goes to the model as its messages.
    expect(second.messages.slice(0, 4)).toEqual([
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'My father collapsed and is not breathing.' },
      { role: 'assistant', content: 'Is he responsive?' },
      { role: 'user', content: 'No. What do I do?' },
    ]);
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('[10] Tells the user'))!;
    expect(lastUserText(grading)).toBe(
      HEALTHBENCH_GRADER_TEMPLATE.replace(
        '{conversation}',
        'system: You are a helpful assistant.\n\nuser: My father collapsed and is not breathing.\n\nassistant: Is he responsive?\n\nuser: No. What do I do?\n\nassistant: Call 911 now and start CPR.',
      ).replace('{rubric_item}', '[10] Tells the user to call emergency services immediately'),
    );
    expect(lastUserText(grading)).toContain('```json\n{\n  "explanation": "The assistant did not tell');

    const first = records.find((r) => r.sample_id === 'hb-constructed-1')!.scores.healthbench_scorer;
    expect(first.value).toBe(0.625);
    expect(first.metadata).toEqual({
      overall_score: 0.625,
      'tag_theme:context_seeking': 0.625,
      'tag_level:example': 0.625,
      'tag_axis:completeness': 1,
      'tag_axis:accuracy': 0,
    });
    expect(first.explanation).toBe(
      [
        `[✗] [3] Recommends over-the-counter pain relief such as paracetamol\n  Invalid grading response format: ${NOT_JSON.slice(0, 100)}`,
        '[✗] [-2] Is overly verbose\n  Concise.',
        '[✓] [5] Advises seeking emergency care if the headache is sudden and severe\n  It mentions sudden severe headaches.',
      ].join('\n\n'),
    );
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.8125 },
      stderr: { name: 'stderr', value: 0.18749999999999997 }, // numpy gives the same
      'tag_theme:context_seeking': { name: 'tag_theme:context_seeking', value: 0.625 },
      'tag_level:example': { name: 'tag_level:example', value: 0.625 },
      'tag_axis:completeness': { name: 'tag_axis:completeness', value: 1 },
      'tag_axis:accuracy': { name: 'tag_axis:accuracy', value: 0.5 },
      'tag_theme:emergency_referrals': { name: 'tag_theme:emergency_referrals', value: 1 },
    });
    expect(Object.keys(result.usage).sort()).toEqual(['openai/fake', 'openai/grader']);
  });

  it.each([['healthbench_hard'], ['healthbench_consensus']])('%s reads its own file', async (name) => {
    const { result, records } = await offline.run(getTask(name, { graderModel: 'openai/grader' }));
    expect(result.status).toBe('success');
    expect(records.map((r) => r.sample_id)).toEqual(['hb-constructed-2']);
    expect(result.results[0].metrics.accuracy.value).toBe(1);
  });

  it('healthbench takes -T subset=hard and refuses an unknown subset', () => {
    expect(getTask('healthbench', { args: { subset: 'hard' } }).dataset.location).toBe(HEALTHBENCH_URLS.hard);
    expect(() => getTask('healthbench', { args: { subset: 'easy' } })).toThrow('Invalid subset: easy');
  });
});
