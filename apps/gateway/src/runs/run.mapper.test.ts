import { RunConfigSchema } from '@studio/contracts';
import { normaliseTags } from '@studio/run-intake';
import { benchCommand, clampPage, shellQuote } from './run.mapper';

test.each([
  ['', "''"],
  ['mmlu', 'mmlu'],
  ['openai/gpt-4o', 'openai/gpt-4o'],
  ['grader=openai/gpt-4.1-2025-04-14', 'grader=openai/gpt-4.1-2025-04-14'],
  ['a:b,c@d%e+f', 'a:b,c@d%e+f'],
  ['my model', "'my model'"],
  ["it's", `'it'"'"'s'`],
  ['$HOME', "'$HOME'"],
  ['x;rm -rf /', "'x;rm -rf /'"],
  ['ünï', "'ünï'"],
])('shellQuote(%j) is %s, as Python shlex.quote', (arg, quoted) => {
  expect(shellQuote(arg)).toBe(quoted);
});

test('the bench command lists only set options, floats the way Python prints them', () => {
  const config = RunConfigSchema.parse({ benchmark: 'mmlu', model: 'openai/gpt-4o' });
  expect(benchCommand(config)).toBe('bench eval mmlu --model openai/gpt-4o');
  const full = RunConfigSchema.parse({
    benchmark: 'simpleqa',
    model: "custom/it's",
    limit: 10,
    temperature: 1,
    top_p: 0.95,
    max_tokens: 512,
    timeout: 60,
    epochs: 3,
    max_connections: 20,
    seed: 42,
    grader_model: 'openai/gpt-4.1',
  });
  expect(benchCommand(full)).toBe(
    `bench eval simpleqa --model 'custom/it'"'"'s' --limit 10 --temperature 1.0 --top-p 0.95 --max-tokens 512 ` +
      '--timeout 60 --epochs 3 --max-connections 20 --seed 42 --model-role grader=openai/gpt-4.1',
  );
});

test('the bench command spells out a fail_on_error budget looser than the default', () => {
  const base = { benchmark: 'mmlu', model: 'openai/gpt-4o' };
  expect(benchCommand(RunConfigSchema.parse({ ...base, fail_on_error: 0.1 }))).toBe('bench eval mmlu --model openai/gpt-4o --fail-on-error 0.1');
  expect(benchCommand(RunConfigSchema.parse({ ...base, fail_on_error: 5 }))).toBe('bench eval mmlu --model openai/gpt-4o --fail-on-error 5');
  expect(benchCommand(RunConfigSchema.parse({ ...base, fail_on_error: false }))).toBe('bench eval mmlu --model openai/gpt-4o --no-fail-on-error');
  for (const strict of [true, 0, null]) {
    expect(benchCommand(RunConfigSchema.parse({ ...base, fail_on_error: strict }))).toBe('bench eval mmlu --model openai/gpt-4o');
  }
});

test('the bench command passes each task argument as -T key=value, quoted for the shell', () => {
  const config = RunConfigSchema.parse({ benchmark: 'drop', model: 'openai/gpt-4o', task_args: { num_examples: '0', split: 'dev set' } });
  expect(benchCommand(config)).toBe("bench eval drop --model openai/gpt-4o -T num_examples=0 -T 'split=dev set'");
});

test('tags are trimmed, lower-cased, de-duplicated and sorted by code point', () => {
  expect(normaliseTags([' B ', 'a', 'A', '', '  ', 'b', 'Ä', 'z'])).toEqual(['a', 'b', 'z', 'ä']);
});

test('pages are clamped instead of refused', () => {
  expect(clampPage(undefined, undefined, 50, 100)).toEqual({ page: 1, perPage: 50 });
  expect(clampPage(-2, 0, 50, 100)).toEqual({ page: 1, perPage: 1 });
  expect(clampPage(3, 1000, 50, 100)).toEqual({ page: 3, perPage: 100 });
  expect(clampPage(Number.MAX_SAFE_INTEGER, 10, 50, 100).page).toBe(1_000_000);
});
