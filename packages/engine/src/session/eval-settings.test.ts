import { RunConfigSchema } from '@studio/contracts';
import { evalSettings, maxConnectionsOf, runGenerateConfig } from './eval-settings';

test('a stored RunConfig is a run’s settings as it is; options not given are unset', () => {
  const { schema_version: _version, ...config } = RunConfigSchema.parse({ benchmark: 'mmlu', model: 'openai/gpt-4o', temperature: 0.5 });
  expect(evalSettings({ benchmark: 'mmlu', model: 'openai/gpt-4o', temperature: 0.5 })).toStrictEqual(config);
  expect(evalSettings({ benchmark: 'mmlu', model: 'openai/gpt-4o' })).toMatchObject({ limit: null, epochs: null, max_connections: null, grader_model: null });
});

test('the run’s generation options leave what it does not set to the task', () => {
  expect(runGenerateConfig(evalSettings({ benchmark: 'x', model: 'p/m' }))).toEqual({});
  expect(
    runGenerateConfig(evalSettings({ benchmark: 'x', model: 'p/m', temperature: 0, top_p: 0.9, max_tokens: 10, seed: 3, reasoning_effort: 'low', timeout: 30 })),
  ).toEqual({ temperature: 0, top_p: 0.9, max_tokens: 10, seed: 3, reasoning_effort: 'low' });
});

test('max_connections defaults to openbench’s 10', () => {
  expect(maxConnectionsOf({ max_connections: null })).toBe(10);
  expect(maxConnectionsOf({ max_connections: 3 })).toBe(3);
});
