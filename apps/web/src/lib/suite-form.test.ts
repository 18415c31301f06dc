import { describe, expect, test } from 'vitest';
import { emptyForm } from './run-form';
import { heatColor, parseModels, suiteTitle, toSuiteCreate } from './suite-form';

describe('toSuiteCreate', () => {
  test('benchmarks, models (lines or commas, trimmed, once each) and the run options', () => {
    expect(toSuiteCreate(' Nightly ', { benchmarks: ['mmlu', 'gsm8k'] }, 'openai/gpt-4o\n groq/llama , openai/gpt-4o', { ...emptyForm, limit: '5', tags: 'A' })).toEqual({
      body: { name: 'Nightly', benchmarks: ['mmlu', 'gsm8k'], models: ['openai/gpt-4o', 'groq/llama'], limit: 5, tags: ['a'] },
    });
  });

  test('every problem at once: no benchmark, a model not provider/model, a bad option', () => {
    expect(toSuiteCreate('', { benchmarks: [] }, 'gpt-4o', { ...emptyForm, temperature: '3' })).toEqual({
      errors: {
        benchmarks: 'Choose at least one benchmark',
        models: '"gpt-4o" is not written provider/model, e.g. openai/gpt-4o',
        temperature: 'Temperature must be between 0 and 2',
      },
    });
    expect(toSuiteCreate('', { benchmarks: ['mmlu'] }, ' ', emptyForm)).toEqual({ errors: { models: 'Add at least one model, written provider/model' } });
    expect(toSuiteCreate('', { benchmarks: Array.from({ length: 21 }, (_, i) => `b${i}`) }, 'a/b', emptyForm)).toEqual({ errors: { benchmarks: 'At most 20 benchmarks' } });
  });

  test('an eval group instead of benchmarks: sent as group, whatever its size', () => {
    expect(toSuiteCreate('', { group: 'global_mmlu' }, 'openai/gpt-4o', { ...emptyForm, limit: '2' })).toEqual({
      body: { group: 'global_mmlu', models: ['openai/gpt-4o'], limit: 2 },
    });
  });
});

test('parseModels and the heat map colours', () => {
  expect(parseModels('a/b,,c/d\n\na/b')).toEqual(['a/b', 'c/d']);
  expect(heatColor(0)).toBe('hsl(0 70% 45% / 0.3)');
  expect(heatColor(1)).toBe('hsl(120 70% 45% / 0.3)');
  expect(heatColor(0.5)).toBe('hsl(60 70% 45% / 0.3)');
  expect(heatColor(null)).toBe('transparent');
});

test('a suite is called by its name, else by its eval group or its size', () => {
  const suite = { name: null, group: null, models: ['a/b', 'c/d'], benchmarks: ['mmlu', 'gsm8k', 'drop'] };
  expect(suiteTitle(suite)).toBe('Suite of 2 × 3');
  expect(suiteTitle({ ...suite, group: 'anli' })).toBe('Eval group anli on 2 models');
  expect(suiteTitle({ ...suite, group: 'anli', models: ['a/b'] })).toBe('Eval group anli on 1 model');
  expect(suiteTitle({ ...suite, name: 'Nightly' })).toBe('Nightly');
});
