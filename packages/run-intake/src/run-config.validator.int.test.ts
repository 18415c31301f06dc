import { insertDataset, insertUser } from '@studio/db';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { validRunConfig } from './run-config.validator';
import { InvalidRunRequest, type RunRequest } from './run-request';

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await insertUser(t.db, { email: 'intake@example.com', hashed_password: 'x' }))!.user_id;
});
afterAll(async () => {
  await t.destroy();
});

const LIMITS = { maxConnectionsLimit: 500, operatorFiles: {} };
// mockllm needs no stored key, so only the checks under test can refuse these runs.
const validate = (request: Omit<RunRequest, 'model'> & { model?: string }) => validRunConfig(t.db, LIMITS, userId, { model: 'mockllm/model', ...request });

async function refusal(request: Parameters<typeof validate>[0]): Promise<{ field: string; reason: string }> {
  const error = await validate(request).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(InvalidRunRequest);
  const { field, reason } = error as InvalidRunRequest;
  return { field, reason };
}

describe('task_args', () => {
  test('are stored as given when the task takes them', async () => {
    const config = await validate({ benchmark: 'gsm8k', task_args: { split: 'train' } });
    expect(config.task_args).toEqual({ split: 'train' });
    expect(await validate({ benchmark: 'drop', task_args: { num_examples: '2', train_samples_per_prompt: '1' } })).toMatchObject({
      task_args: { num_examples: '2', train_samples_per_prompt: '1' },
    });
  });

  test('absent, null or empty store nothing, so the config reads as one from before they were taken', async () => {
    for (const task_args of [undefined, null, {}]) {
      const stored = JSON.parse(JSON.stringify(await validate({ benchmark: 'gsm8k', task_args })));
      expect(stored).not.toHaveProperty('task_args');
    }
  });

  test('an argument the task does not take is refused naming it and the ones the task takes', async () => {
    expect(await refusal({ benchmark: 'gsm8k', task_args: { splt: 'train' } })).toEqual({
      field: 'task_args.splt',
      reason: 'gsm8k does not accept task argument(s) splt; it accepts split',
    });
    expect(await refusal({ benchmark: 'mmlu', task_args: { split: 'dev' } })).toEqual({
      field: 'task_args.split',
      reason: 'mmlu does not accept task argument(s) split; it accepts none',
    });
  });

  test('names are identifiers, and their number and values are bounded whatever the task', async () => {
    for (const name of ['', '1st', 'a-b', 'x'.repeat(65)]) {
      const { field, reason } = await refusal({ benchmark: 'gsm8k', task_args: { [name]: 'x' } });
      expect(field).toBe('task_args');
      expect(reason).toMatch(/^task argument names are identifiers of at most 64 letters, digits or _/);
    }
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`a${i}`, 'x']));
    expect(await refusal({ benchmark: 'gsm8k', task_args: many })).toEqual({ field: 'task_args', reason: 'at most 32 task arguments, got 33' });
    expect(await refusal({ benchmark: 'gsm8k', task_args: { split: 'x'.repeat(10_001) } })).toEqual({
      field: 'task_args.split',
      reason: 'must be at most 10000 characters',
    });
  });

  test('a value the task refuses at setup is refused, named when the task names the argument', async () => {
    expect(await refusal({ benchmark: 'drop', task_args: { num_examples: 'two' } })).toEqual({
      field: 'task_args.num_examples',
      reason: 'drop: task argument num_examples must be a non-negative integer, got "two"',
    });
    expect(await refusal({ benchmark: 'healthbench', task_args: { subset: 'easy' } })).toEqual({ field: 'task_args.subset', reason: 'Invalid subset: easy' });
    expect(await refusal({ benchmark: 'arc_agi', task_args: { version: '3' } })).toEqual({ field: 'task_args.version', reason: 'Unknown ARC-AGI version: 3. Must be 1 or 2.' });
  });

  test('a grader named by a task argument is the one whose key is required', async () => {
    // simpleqa's default grader is OpenAI's, for which this user has no key.
    expect((await refusal({ benchmark: 'simpleqa' })).reason).toMatch(/grader model "openai\/gpt-4\.1-2025-04-14" of simpleqa needs an API key/);
    const config = await validate({ benchmark: 'simpleqa', task_args: { grader_model: 'mockllm/grader' } });
    expect(config).toMatchObject({ grader_model: null, task_args: { grader_model: 'mockllm/grader' } });
  });

  test('grader_model is refused by a task without a grader, saying why: not model-graded, or judged by fixed models', async () => {
    expect(await refusal({ benchmark: 'gsm8k', grader_model: 'mockllm/grader' })).toEqual({
      field: 'grader_model',
      reason: '"gsm8k" is not model-graded, so it takes no grader model',
    });
    expect(await refusal({ benchmark: 'deep_research_bench', grader_model: 'mockllm/grader' })).toEqual({
      field: 'grader_model',
      reason:
        '"deep_research_bench" is judged by fixed models (race google/gemini-2.5-pro-preview-06-05, fact google/gemini-2.5-flash-preview-05-20), as openbench does, so it takes no grader model',
    });
  });

  test('a run of one of your datasets takes none', async () => {
    await insertDataset(t.db, {
      user_id: userId,
      slug: 'quiz',
      name: 'Quiz',
      kind: 'numeric',
      format: 'jsonl',
      columns: { question: 'q', answer: 'a' },
      grader_model: null,
      rubric: null,
    });
    expect(await validate({ benchmark: 'custom/quiz' })).toMatchObject({ benchmark: 'custom/quiz' });
    expect(await refusal({ benchmark: 'custom/quiz', task_args: { split: 'test' } })).toEqual({
      field: 'task_args.split',
      reason: 'custom/quiz does not accept task argument(s) split; it accepts none',
    });
  });
});
