import type { DatasetColumns } from '@studio/contracts';
import { RowError, toDatasetRow, type RowValues } from './dataset-row.mapper';

const values = (record: Record<string, unknown>): RowValues => (column) => (Object.hasOwn(record, column) ? record[column] : undefined);
const MCQ_COLUMNS: DatasetColumns = { question: 'q', answer: 'a', choice_columns: ['A', 'B', 'C', 'D'] };
const LIST_COLUMNS: DatasetColumns = { question: 'q', answer: 'a', choices: 'c' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RowError) return error.message;
    throw error;
  }
  throw new Error('the row was accepted');
}

describe('multiple_choice rows', () => {
  it.each([
    ['B', 'B'],
    ['c', 'C'],
    ['0', 'A'],
    [3, 'D'],
    [' 2 ', 'C'],
  ])('answer %j is the letter %s', (answer, letter) => {
    expect(toDatasetRow('multiple_choice', MCQ_COLUMNS, values({ q: 'Q', A: 'w', B: 'x', C: 'y', D: 'z', a: answer })).answer).toBe(letter);
  });

  it('takes the choices from a list, in a JSON array or (CSV) its text', () => {
    expect(toDatasetRow('multiple_choice', LIST_COLUMNS, values({ q: 'Q', c: ['yes', 'no', 7], a: 1 }))).toEqual({ question: 'Q', choices: ['yes', 'no', '7'], answer: 'B' });
    expect(toDatasetRow('multiple_choice', LIST_COLUMNS, values({ q: 'Q', c: '["yes", "no"]', a: 'A' })).choices).toEqual(['yes', 'no']);
  });

  it.each([
    [{ q: 'Q', A: 'w', B: 'x', C: 'y', D: '', a: 'A' }, MCQ_COLUMNS, 'choice D ("D") is empty'],
    [{ q: 'Q', A: 'w', B: 'x', C: 'y', a: 'A' }, MCQ_COLUMNS, 'no "D" field'],
    [{ q: 'Q', A: 'w', B: 'x', C: 'y', D: 'z', a: 'E' }, MCQ_COLUMNS, 'answer "E" is not one of the 4 choices (A–D, or 0–3)'],
    [{ q: 'Q', A: 'w', B: 'x', C: 'y', D: 'z', a: '4' }, MCQ_COLUMNS, 'answer "4" is not one of the 4 choices (A–D, or 0–3)'],
    [{ q: 'Q', A: 'w', B: 'x', C: 'y', D: 'z', a: 'AB' }, MCQ_COLUMNS, '"a" must be a letter (A, B, …) or a choice index from 0, got "AB"'],
    [{ q: ' ', A: 'w', B: 'x', C: 'y', D: 'z', a: 'A' }, MCQ_COLUMNS, '"q" is empty'],
    [{ q: 'Q', c: ['only'], a: 'A' }, LIST_COLUMNS, '"c" must hold 2 to 26 choices, got 1'],
    [{ q: 'Q', c: 'yes;no', a: 'A' }, LIST_COLUMNS, '"c" must be a JSON list of texts, e.g. ["Paris", "Lyon"]'],
    [{ q: 'Q\u0000', c: ['a', 'b'], a: 'A' }, LIST_COLUMNS, '"q" contains a NUL character (U+0000), which cannot be stored'],
  ])('refuses %j', (record, columns, reason) => {
    expect(refusal(() => toDatasetRow('multiple_choice', columns, values(record)))).toBe(reason);
  });
});

describe('the other kinds', () => {
  const columns: DatasetColumns = { question: 'q', answer: 'a', group: 'g' };

  it('exact_match/f1: a list, or texts separated by |, trimmed', () => {
    expect(toDatasetRow('f1', columns, values({ q: 'Q', a: ['Paris', ' paris '], g: 'geo' }))).toEqual({ question: 'Q', answer: ['Paris', 'paris'], group: 'geo' });
    expect(toDatasetRow('exact_match', columns, values({ q: 'Q', a: 'Paris | City of Light', g: 1 })).answer).toEqual(['Paris', 'City of Light']);
    expect(refusal(() => toDatasetRow('f1', columns, values({ q: 'Q', a: 'Paris||', g: 'x' })))).toBe('"a" holds an empty answer');
    expect(refusal(() => toDatasetRow('f1', columns, values({ q: 'Q', a: ['a|b'], g: 'x' })))).toBe('an answer in "a" contains "|", which separates answers');
    expect(refusal(() => toDatasetRow('f1', columns, values({ q: 'Q', a: 'x', g: '' })))).toBe('"g" is empty');
  });

  it.each([
    ['42', '42'],
    [42, '42'],
    ['1,000', '1000'],
    ['007', '7'],
    ['0', '0'],
  ])('numeric %j → %s', (answer, stored) => {
    expect(toDatasetRow('numeric', { question: 'q', answer: 'a' }, values({ q: 'Q', a: answer })).answer).toBe(stored);
  });

  it.each(['-3', '2.5', 2.5, '1e3', '12,34', '', null])('numeric refuses %j', (answer) => {
    expect(refusal(() => toDatasetRow('numeric', { question: 'q', answer: 'a' }, values({ q: 'Q', a: answer })))).toMatch(/must be a non-negative integer|is empty/);
  });

  it('model_graded keeps the reference answer as it is', () => {
    expect(toDatasetRow('model_graded', { question: 'q', answer: 'a' }, values({ q: 'Q', a: ' Rayleigh scattering ' }))).toEqual({ question: 'Q', answer: ' Rayleigh scattering ' });
  });
});
