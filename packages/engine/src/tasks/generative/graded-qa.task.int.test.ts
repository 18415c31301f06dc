import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { BROWSECOMP_GRADER_TEMPLATE, SIMPLEQA_GRADER_TEMPLATE } from '../../scorers';
import { getTask } from '../registry';
import { BROWSECOMP_URL } from './browsecomp.task';

const VERIFIED_URL = hfFileUrl('google/simpleqa-verified', 'simpleqa_verified/eval/0000.parquet', 'refs/convert/parquet');

/** The model under evaluation ("openai/fake") and the grader ("openai/grader") share one server, told apart by model name. */
function respond(model: string, prompt: string): string {
  if (model === 'grader') {
    if (prompt.startsWith('Your job is to look at a question')) return prompt.includes('Predicted answer: Michio Sugeno') ? 'A' : 'B';
    if (prompt.startsWith('Judge whether the following [response]')) {
      return prompt.includes('Exact Answer: Danube')
        ? 'extracted_final_answer: Danube\nreasoning: Same river as The Danube.\ncorrect: Yes\nconfidence: 90%'
        : 'extracted_final_answer: Silver\nreasoning: Silver is not gold.\ncorrect: no';
    }
    throw new Error(`unexpected grading prompt: ${prompt.slice(0, 60)}`);
  }
  if (prompt.includes('Rosenblatt')) return 'Michio Sugeno';
  if (prompt.includes('Eiffel')) return '1887';
  if (prompt.includes('Vienna')) return 'Explanation: it is.\nExact Answer: Danube\nConfidence: 90%';
  return 'Explanation: guess.\nExact Answer: Silver\nConfidence: 20%';
}

describe('simpleqa_verified and browsecomp (constructed rows), graded by the grader model', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    { [VERIFIED_URL]: 'google-simpleqa-verified-simpleqa_verified-eval.parquet', [BROWSECOMP_URL]: 'browse_comp_test_set.csv' },
    (body) => respond(body.model, lastUserText(body)),
  );

  it('simpleqa_verified: the question as is, the SimpleQA grader, the SimpleQA metrics', async () => {
    expect(getTask('simpleqa_verified').graderModel).toBe('openai/gpt-4.1-2025-04-14');
    const task = getTask('simpleqa_verified', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 0 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].messages[0]).toEqual({ role: 'user', content: 'Who received the IEEE Frank Rosenblatt Award in 2010?' });
    expect(records[0].metadata).toEqual({ metadata: '' });
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('Eiffel'))!;
    expect(lastUserText(grading)).toBe(
      SIMPLEQA_GRADER_TEMPLATE.replace('{question}', 'In which year did the Eiffel Tower open to the public?')
        .replace('{target}', '1889')
        .replace('{predicted_answer}', '1887'),
    );
    expect(records[1].scores.simpleqa_verified_scorer).toMatchObject({
      value: 0,
      metadata: { grade: 'incorrect', grade_letter: 'B', grading_response: 'B' },
    });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
      is_correct: { name: 'is_correct', value: 0.5 },
      is_incorrect: { name: 'is_incorrect', value: 0.5 },
      is_not_attempted: { name: 'is_not_attempted', value: 0 },
      is_given_attempted: { name: 'is_given_attempted', value: 1 },
      accuracy_given_attempted: { name: 'accuracy_given_attempted', value: 0.5 },
      f1: { name: 'f1', value: 0.5 },
    });
    expect(Object.keys(result.usage).sort()).toEqual(['openai/fake', 'openai/grader']);
  });

  it('browsecomp: decrypts with the canary, grades the plain question, keeps the grader’s judgement', async () => {
    const task = getTask('browsecomp', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({});
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].input).toBe(
      'Which river flows through both Vienna and Budapest?\n\nYour response should be in the following format:\nExplanation: {your explanation for your final answer}\nExact Answer: {your succinct, final answer}\nConfidence: {your confidence score between 0% and 100% for your answer}',
    );
    expect(records[0].target).toBe('The Danube');
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('Vienna'))!;
    expect(lastUserText(grading)).toBe(
      BROWSECOMP_GRADER_TEMPLATE.replace('{question}', 'Which river flows through both Vienna and Budapest?')
        .replace('{response}', 'Explanation: it is.\nExact Answer: Danube\nConfidence: 90%')
        .replace('{correct_answer}', 'The Danube'),
    );
    expect(records[0].scores.browsecomp_scorer.metadata).toEqual({
      is_correct: true,
      confidence: 90,
      grading_response: 'extracted_final_answer: Danube\nreasoning: Same river as The Danube.\ncorrect: Yes\nconfidence: 90%',
    });
    // No confidence line in the grader's reply: 100.
    expect(records[1].scores.browsecomp_scorer).toMatchObject({ value: 0, metadata: { is_correct: false, confidence: 100 } });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
    });
  });
});

describe('sealqa (constructed rows in seal_hard), graded with the SimpleQA template', () => {
  const url = hfFileUrl('vtllms/sealqa', 'seal_hard/test/0000.parquet', 'refs/convert/parquet');
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, { [url]: 'vtllms-sealqa-seal_hard-test.parquet' }, (body) => {
    const prompt = lastUserText(body);
    if (body.model === 'grader') return prompt.includes('Predicted answer: Spain') ? 'A' : 'C';
    return prompt.includes('World Cup') ? 'Spain' : 'I am not sure.';
  });

  it('ids and metadata from the record, the SimpleQA grader, sealqa_metrics; only the latest snapshot is readable', async () => {
    const task = getTask('sealqa', { graderModel: 'openai/grader' });
    expect(getTask('sealqa').graderModel).toBe('openai/gpt-4o-mini-2024-07-18');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records.map((r) => r.sample_id)).toEqual(['sealqa-constructed-1', 'sealqa-constructed-2']);
    expect(records[0].messages[0]).toEqual({ role: 'user', content: "Which country won the most recent FIFA Women's World Cup held before 2024?" });
    expect(records[0].metadata).toMatchObject({ id: 'sealqa-constructed-1', topic: 'sports', freshness: 'slow-changing' });
    expect(records[0].metadata).not.toHaveProperty('question');
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('Saturn'))!;
    expect(lastUserText(grading)).toBe(
      SIMPLEQA_GRADER_TEMPLATE.replace('{question}', 'How many moons of Saturn had been confirmed as of mid-2023?')
        .replace('{target}', '146')
        .replace('{predicted_answer}', 'I am not sure.'),
    );
    expect(records[1].scores.sealqa_scorer).toMatchObject({ value: 0, metadata: { grade: 'not_attempted', grade_letter: 'C' } });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
      is_correct: { name: 'is_correct', value: 0.5 },
      is_incorrect: { name: 'is_incorrect', value: 0 },
      is_not_attempted: { name: 'is_not_attempted', value: 0.5 },
      is_given_attempted: { name: 'is_given_attempted', value: 0.5 },
      accuracy_given_attempted: { name: 'accuracy_given_attempted', value: 1 },
      f1: { name: 'f1', value: 0.6666666666666666 },
    });
    expect(() => getTask('sealqa', { args: { last_updated: '2025-10-29' } })).toThrow(/only last_updated=latest/);
    expect(() => getTask('sealqa', { args: { subset: 'seal_1' } })).toThrow("Invalid subset 'seal_1'. Valid options are: ['longseal', 'seal_0', 'seal_hard']");
  });
});
