import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { MOCK_AIME_GRADER_PROMPT, SMT_GRADER_PROMPT } from '../../scorers';
import { getTask } from '../registry';

const shard = (repo: string, config: string, split: string) => hfFileUrl(repo, `${config}/${split}/0000.parquet`, 'refs/convert/parquet');

const GSM_PROMPT_START =
  'Solve this math problem. Give the reasoning steps before giving the final answer on the last line by itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".\n\n';

describe('gsm_plus and gsm_plus_mini (constructed rows in GSM-Plus columns)', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    {
      [shard('qintongli/GSM-Plus', 'default', 'test')]: 'qintongli-GSM-Plus-default-test.parquet',
      [shard('qintongli/GSM-Plus', 'default', 'testmini')]: 'qintongli-GSM-Plus-default-testmini.parquet',
    },
    // Right on the substituted numbers; on the unanswerable variant it answers 18, the seed question's answer.
    (body) => (lastUserText(body).includes('20 eggs') ? 'She sells 13 eggs.\nAnswer: $26' : 'Answer: 18'),
  );

  it('uses the GSM8K prompt and scorer, keeps the perturbation type and scores "None" targets as wrong', async () => {
    const task = getTask('gsm_plus');
    expect(task.config).toEqual({ temperature: 0, max_tokens: 2048 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].input).toBe(`${GSM_PROMPT_START}Janet’s ducks lay 20 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?`);
    expect(records.map((r) => [r.target, r.metadata.perturbation_type])).toEqual([
      ['26', 'numerical substitution'],
      ['None', 'critical thinking'],
    ]);
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
    });
    const mini = await offline.run(getTask('gsm_plus_mini'));
    expect(mini.result.results[0].metrics.accuracy.value).toBe(1);
    expect(() => getTask('gsm_plus', { args: { splt: 'x' } })).toThrow('gsm_plus does not accept task argument(s) splt; it accepts split');
  });
});

describe('gpt_oss_aime25 (opencompass/AIME2025: AIME 2025 I.1, I.2 and II.1, real problems)', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    {
      [shard('opencompass/AIME2025', 'AIME2025-I', 'test')]: 'opencompass-AIME2025-AIME2025-I-test.parquet',
      [shard('opencompass/AIME2025', 'AIME2025-II', 'test')]: 'opencompass-AIME2025-AIME2025-II-test.parquet',
    },
    (body) => {
      const prompt = lastUserText(body);
      if (prompt.includes('$17_b$')) return 'bases 21 and 49: \\boxed{70}';
      // The last box wins, and only its part after the last comma.
      if (prompt.includes('heptagon')) return '\\boxed{1} then \\boxed{5, 588}';
      return 'no box, the last number is 467';
    },
  );

  it('puts the instruction after the question, runs 8 epochs at temperature 1.0 and numbers both exams 1..3', async () => {
    const task = getTask('gpt_oss_aime25');
    expect(task.config).toEqual({ temperature: 1, max_tokens: 131072 });
    expect(task.epochs).toBe(8);
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records).toHaveLength(24);
    const first = records.find((r) => r.sample_id === 1 && r.epoch === 1)!;
    expect(first.input).toBe(
      '\nFind the sum of all integer bases $b>9$ for which $17_b$ is a divisor of $97_b.$\nPlease reason step by step, and put your final answer within \\boxed{}.\n',
    );
    expect(records.find((r) => r.sample_id === 3)!.target).toBe('468');
    expect(records.find((r) => r.sample_id === 2)!.scores.gpt_oss_aime_scorer).toMatchObject({
      value: 'C',
      answer: '588',
      explanation: 'Extracted 588 from response, target was 588',
    });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 2 / 3 },
      stderr: { name: 'stderr', value: 0.33333333333333337 },
      std: { name: 'std', value: 0.5773502691896258 },
    });
  });
});

/** The model answers; the grader (model "grader" on the same server) says CORRECT for a final 7 or 14, else INCORRECT. */
function mathRespond(model: string, prompt: string): string {
  if (model === 'grader') return /Student Solution:\n(?:Answer|ANSWER): (7|14)\n/.test(prompt) ? ' correct ' : 'INCORRECT, because';
  if (prompt.includes('roots of')) return 'Answer: 7';
  if (prompt.includes('divisible by $7$')) return 'ANSWER: 14';
  return 'ANSWER: 12';
}

describe('smt and otis_mock_aime (constructed rows), graded CORRECT/INCORRECT by the grader model', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    {
      [shard('nmayorga7/smt-2024', 'default', 'train')]: 'nmayorga7-smt-2024-default-train.parquet',
      [shard('lvogel123/otis-mock-aime-24-25', 'default', 'train')]: 'lvogel123-otis-mock-aime-24-25-default-train.parquet',
    },
    (body) => mathRespond(body.model, lastUserText(body)),
  );

  it('smt: the stripped SMT prompt, the grader template, metrics overall and by category', async () => {
    expect(getTask('smt').graderModel).toBe('openai/gpt-4.1-mini-2025-04-14');
    const task = getTask('smt', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 0, max_tokens: 8192 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].input).toBe(
      'Solve the following Stanford Math Tournament problem step by step. Show your work clearly and provide your final answer.\n\nSolve for $x$: $3x+5=20$.\n\nRemember to put your final answer on its own line after "Answer:", without using \\boxed command.',
    );
    expect(records[0].metadata).toEqual({ category: 'Algebra', id: 'smt-2024-alg-1' });
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('Answer: 7'))!;
    expect(grading.messages).toEqual([
      { role: 'user', content: SMT_GRADER_PROMPT.replace('{response}', 'Answer: 7').replace('{correct_answer}', '7') },
    ]);
    expect(records[2].scores.smt_scorer).toMatchObject({ value: 1, answer: 'Answer: 7', explanation: 'Grader response: CORRECT' });
    expect(records[0].scores.smt_scorer).toMatchObject({ value: 0, explanation: 'Grader response: INCORRECT, BECAUSE' });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 1 / 3 },
      stderr: { name: 'stderr', value: 0.33333333333333337 },
      std: { name: 'std', value: 0.5773502691896258 },
      // grouped() repeats the overall metrics under the same names; Inspect keeps both, numbering the second.
      accuracy2: { name: 'accuracy2', value: 1 / 3 },
      stderr2: { name: 'stderr2', value: 0.33333333333333337 },
      std2: { name: 'std2', value: 0.5773502691896258 },
      Algebra_accuracy: { name: 'Algebra_accuracy', value: 0.5 },
      Algebra_stderr: { name: 'Algebra_stderr', value: 0.5 },
      Algebra_std: { name: 'Algebra_std', value: 0.7071067811865476 },
      Geometry_accuracy: { name: 'Geometry_accuracy', value: 0 },
      Geometry_stderr: { name: 'Geometry_stderr', value: 0 },
      Geometry_std: { name: 'Geometry_std', value: 0 },
    });
    expect(Object.keys(result.usage).sort()).toEqual(['openai/fake', 'openai/grader']);
  });

  it('otis_mock_aime: the Mock AIME prompt and grader template, metrics by mathematical topic', async () => {
    const { result, records } = await offline.run(getTask('otis_mock_aime', { graderModel: 'openai/grader' }));
    expect(result.status).toBe('success');
    expect(records[0].input).toBe(
      "\nPlease solve this AIME problem step by step. The answer is an integer ranging from 000 to 999, inclusive.\n\nFind the number of positive integers less than $100$ that are divisible by $7$.\n\nRemember to show your work clearly and end with 'ANSWER: X' where X is your final numerical answer.\n",
    );
    expect(records[0].metadata).toEqual({ year: '2024', mathematical_topic: 'number_theory', annotations: { mathematical_topic: 'number_theory' } });
    const grading = offline.server.bodies().find((b) => b.model === 'grader' && lastUserText(b).includes('ANSWER: 14'))!;
    expect(lastUserText(grading)).toBe(MOCK_AIME_GRADER_PROMPT.replace('{response}', 'ANSWER: 14').replace('{correct_solution}', '14'));
    expect(result.results[0].metrics).toMatchObject({
      accuracy: { value: 0.5 },
      number_theory_accuracy: { value: 1 },
      combinatorics_accuracy: { value: 0 },
    });
  });

  it('smt_<category>: the category\'s problems only, numbered 1..N, under the subtask\'s name', async () => {
    const task = getTask('smt_algebra', { graderModel: 'openai/grader' });
    expect(task.dataset.name).toBe('smt_algebra');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records.map((r) => [r.sample_id, r.metadata.id, r.target])).toEqual([
      [1, 'smt-2024-alg-1', '5'],
      [2, 'smt-2024-alg-2', '7'],
    ]);
    expect(records[1].scores.smt_scorer).toMatchObject({ value: 1, answer: 'Answer: 7' });
    expect(result.results[0].metrics).toMatchObject({
      accuracy: { value: 0.5 },
      stderr: { value: 0.5 },
      std: { value: 0.7071067811865476 },
      Algebra_accuracy: { value: 0.5 },
    });
    expect(result.results[0].metrics).not.toHaveProperty('Geometry_accuracy');
    const geometry = await offline.run(getTask('smt_geometry', { graderModel: 'openai/grader' }));
    expect(geometry.records.map((r) => [r.sample_id, r.metadata.id])).toEqual([[1, 'smt-2024-geo-1']]);
    expect(geometry.result.results[0].metrics.accuracy.value).toBe(0);
    expect(() => getTask('smt_guts', { args: { category: 'Guts' } })).toThrow('smt_guts does not accept task argument(s) category; it accepts none');
  });

  it('otis_mock_aime_<year>: the problems whose year is that string, numbered 1..N', async () => {
    const y2025 = await offline.run(getTask('otis_mock_aime_2025', { graderModel: 'openai/grader' }));
    expect(y2025.result.status).toBe('success');
    expect(y2025.records.map((r) => [r.sample_id, r.target, r.metadata.year])).toEqual([[1, '6', '2025']]);
    expect(y2025.records[0].input).toContain('How many ways can $3$ books be arranged on a shelf?');
    expect(y2025.result.results[0].metrics).toMatchObject({ accuracy: { value: 0 }, combinatorics_accuracy: { value: 0 } });
    const y2024 = await offline.run(getTask('otis_mock_aime_2024', { graderModel: 'openai/grader' }));
    expect(y2024.records.map((r) => [r.sample_id, r.target])).toEqual([[1, '14']]);
    expect(y2024.result.results[0].metrics).toMatchObject({ accuracy: { value: 1 }, number_theory_accuracy: { value: 1 } });
  });
});
