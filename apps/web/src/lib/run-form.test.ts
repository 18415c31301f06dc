import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../api/types';
import { emptyForm, formFromRun, parseTags, parseTaskArgs, toRunCreate, type RunForm } from './run-form';

const form = (over: Partial<RunForm>): RunForm => ({ ...emptyForm, benchmark: 'mmlu', model: 'openai/gpt-4o', ...over });

describe('toRunCreate', () => {
  it('sends only what is set, as numbers', () => {
    expect(toRunCreate(form({ temperature: '0.5', epochs: '2', tags: 'A, b ,a', notes: ' hi ' }))).toEqual({
      body: { benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 10, temperature: 0.5, epochs: 2, tags: ['a', 'b'], notes: 'hi' },
    });
  });
  it('checks every bound the API checks', () => {
    const result = toRunCreate(form({ benchmark: '', model: 'gpt-4o', temperature: '3', top_p: 'x', epochs: '1.5', timeout: '0', limit: '' }));
    expect(result).toEqual({
      errors: {
        benchmark: 'Choose a benchmark',
        model: 'A model is written provider/model, e.g. openai/gpt-4o',
        temperature: 'Temperature must be between 0 and 2',
        top_p: 'Top p must be a number',
        epochs: 'Epochs must be a whole number',
        timeout: 'Timeout must be between 1 and 86400',
      },
    });
  });
  it('maps fail_on_error modes', () => {
    expect(toRunCreate(form({ fail_on_error: 'never' }))).toMatchObject({ body: { fail_on_error: false } });
    expect(toRunCreate(form({ fail_on_error: 'fraction', fail_on_error_value: '0.1' }))).toMatchObject({ body: { fail_on_error: 0.1 } });
    expect(toRunCreate(form({ fail_on_error: 'count', fail_on_error_value: '5' }))).toMatchObject({ body: { fail_on_error: 5 } });
    expect(toRunCreate(form({ fail_on_error: 'fraction', fail_on_error_value: '2' }))).toHaveProperty('errors.fail_on_error_value');
    expect(toRunCreate(form({ fail_on_error: 'count', fail_on_error_value: '0.5' }))).toHaveProperty('errors.fail_on_error_value');
    expect(toRunCreate(form({}))).not.toHaveProperty('body.fail_on_error');
  });

  it('sends epoch reducers and reasoning effort only when set, and names an unknown reducer', () => {
    expect(toRunCreate(form({ epochs_reducer: 'mean, pass_at_2', reasoning_effort: 'high' }))).toMatchObject({
      body: { epochs_reducer: ['mean', 'pass_at_2'], reasoning_effort: 'high' },
    });
    const plain = toRunCreate(form({}));
    expect(plain).not.toHaveProperty('body.epochs_reducer');
    expect(plain).not.toHaveProperty('body.reasoning_effort');
    expect(toRunCreate(form({ epochs_reducer: 'mean, average' }))).toEqual({
      errors: { epochs_reducer: 'Unknown reducer "average": use mean, median, mode, max, pass_at_<k>, at_least_<k> or pass_hat_<k>' },
    });
  });
});

describe('task arguments', () => {
  it('are key=value lines, trimmed as -T trims them; blank lines are skipped and a value may hold =', () => {
    expect(parseTaskArgs(' split = train \n\n  num_examples=5\nfilter=a=b\nempty=')).toEqual({ args: { split: 'train', num_examples: '5', filter: 'a=b', empty: '' } });
    expect(parseTaskArgs('')).toEqual({ args: {} });
  });
  it('name the line that is not key=value, and a key given twice', () => {
    expect(parseTaskArgs('split=train\nnum_examples')).toEqual({ error: 'Line 2: write it as key=value' });
    expect(parseTaskArgs('=train')).toEqual({ error: 'Line 1: write it as key=value' });
    expect(parseTaskArgs('split=train\nsplit=test')).toEqual({ error: 'split is given twice' });
  });
  it('are sent only when given, and a bad line keeps the form from being sent', () => {
    expect(toRunCreate(form({ benchmark: 'gsm8k', task_args: 'split=train' }))).toMatchObject({ body: { task_args: { split: 'train' } } });
    expect(toRunCreate(form({ task_args: ' \n' }))).not.toHaveProperty('body.task_args');
    expect(toRunCreate(form({ task_args: 'train' }))).toEqual({ errors: { task_args: 'Line 1: write it as key=value' } });
  });
});

describe('formFromRun', () => {
  it('pre-fills every option of an earlier run, and round-trips', () => {
    const run = {
      config: {
        schema_version: 1,
        benchmark: 'gsm8k',
        model: 'groq/llama',
        limit: null,
        temperature: 0,
        top_p: null,
        max_tokens: 512,
        timeout: 60,
        epochs: 3,
        max_connections: 8,
        seed: 42,
        grader_model: null,
        fail_on_error: 0.05,
        epochs_reducer: ['mean', 'pass_at_2'],
        reasoning_effort: 'low',
        task_args: { split: 'train', num_examples: '5' },
      },
      tags: ['x', 'y'],
      notes: null,
    } satisfies Pick<RunDetail, 'config' | 'tags' | 'notes'>;
    const f = formFromRun(run);
    expect(f).toMatchObject({ benchmark: 'gsm8k', limit: '', temperature: '0', fail_on_error: 'fraction', fail_on_error_value: '0.05', epochs_reducer: 'mean, pass_at_2', reasoning_effort: 'low', task_args: 'split=train\nnum_examples=5', tags: 'x, y' });
    expect(toRunCreate(f)).toEqual({
      body: {
        benchmark: 'gsm8k', model: 'groq/llama', temperature: 0, max_tokens: 512, timeout: 60, epochs: 3, max_connections: 8, seed: 42, fail_on_error: 0.05,
        epochs_reducer: ['mean', 'pass_at_2'], reasoning_effort: 'low', task_args: { split: 'train', num_examples: '5' }, tags: ['x', 'y'],
      },
    });
  });
  it('parses tags like the API normalises them', () => {
    expect(parseTags(' B,a,, b ')).toEqual(['b', 'a']);
  });
});
