/**
 * One uploaded row → the stored row of its kind, or the reason it is refused. The values come from a CSV cell
 * (always text) or a JSON Lines field (any JSON value); the rules are the same for both.
 */
import type { DatasetColumns, DatasetKind, DatasetRow } from '@studio/contracts';

/** A field's value by column name; undefined when the row has no such column. */
export type RowValues = (column: string) => unknown;

export class RowError extends Error {}

const MAX_CHOICES = 26;

function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

function present(values: RowValues, column: string): unknown {
  const value = values(column);
  if (value === undefined) throw new RowError(`no "${column}" field`);
  return value;
}

/** PostgreSQL cannot store U+0000; a row holding one is refused rather than stored altered. */
function storable(value: string, what: string): string {
  if (value.includes('\u0000')) throw new RowError(`${what} contains a NUL character (U+0000), which cannot be stored`);
  return value;
}

/** A non-blank text; JSON numbers are accepted as their text. */
function text(values: RowValues, column: string, what = `"${column}"`): string {
  const value = present(values, column);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new RowError(`${what} must be text, got ${value === null ? 'null' : typeof value}`);
  if (value.trim() === '') throw new RowError(`${what} is empty`);
  return storable(value, what);
}

/** A list of texts: a JSON array, or (in a CSV cell) its JSON text. */
function textList(values: RowValues, column: string): string[] {
  let value = present(values, column);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new RowError(`"${column}" must be a JSON list of texts, e.g. ["Paris", "Lyon"]`);
    }
  }
  if (!Array.isArray(value)) throw new RowError(`"${column}" must be a list of texts`);
  return value.map((item, index) => {
    if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    if (typeof item !== 'string' || item.trim() === '') throw new RowError(`item ${index + 1} of "${column}" must be non-empty text`);
    return storable(item, `item ${index + 1} of "${column}"`);
  });
}

function choicesOf(values: RowValues, columns: DatasetColumns): string[] {
  if (columns.choice_columns) {
    return columns.choice_columns.map((column, index) => text(values, column, `choice ${letter(index)} ("${column}")`));
  }
  const choices = textList(values, columns.choices as string);
  if (choices.length < 2 || choices.length > MAX_CHOICES) throw new RowError(`"${columns.choices}" must hold 2 to ${MAX_CHOICES} choices, got ${choices.length}`);
  return choices;
}

/** The answer as a letter: `B`/`b`, or an index counted from 0 (a JSON number or digits). */
function answerLetter(values: RowValues, column: string, count: number): string {
  const value = present(values, column);
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (raw === undefined || raw === '') throw new RowError(`"${column}" must be a letter or a choice index`);
  let index: number;
  if (/^[A-Za-z]$/.test(raw)) index = raw.toUpperCase().charCodeAt(0) - 65;
  else if (/^\d+$/.test(raw)) index = Number(raw);
  else throw new RowError(`"${column}" must be a letter (A, B, …) or a choice index from 0, got ${JSON.stringify(raw)}`);
  if (index >= count) throw new RowError(`answer ${JSON.stringify(raw)} is not one of the ${count} choices (${letter(0)}–${letter(count - 1)}, or 0–${count - 1})`);
  return letter(index);
}

/** Accepted answers: a list, or one text whose pieces are separated by `|` (as openbench's QA targets are). */
function acceptedAnswers(values: RowValues, column: string): string[] {
  const value = present(values, column);
  const pieces = Array.isArray(value) ? textList(values, column) : text(values, column).split('|');
  const answers = pieces.map((piece) => piece.trim());
  if (Array.isArray(value) && answers.some((answer) => answer.includes('|'))) throw new RowError(`an answer in "${column}" contains "|", which separates answers`);
  if (answers.some((answer) => answer === '')) throw new RowError(`"${column}" holds an empty answer`);
  return answers;
}

/**
 * openbench's numeric scoring reads the digits after "Answer:" without a sign and compares them as text, so a
 * target is a non-negative integer (thousands separators allowed, dropped).
 */
function integerAnswer(values: RowValues, column: string): string {
  const value = present(values, column);
  const raw = typeof value === 'number' ? (Number.isInteger(value) && value >= 0 ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(raw)) throw new RowError(`"${column}" must be a non-negative integer, got ${JSON.stringify(value)}`);
  return raw.replaceAll(',', '').replace(/^0+(?=\d)/, '');
}

export function toDatasetRow(kind: DatasetKind, columns: DatasetColumns, values: RowValues): DatasetRow {
  const question = text(values, columns.question);
  const group = columns.group === undefined ? undefined : text(values, columns.group);
  const base = { question, ...(group === undefined ? {} : { group }) };
  switch (kind) {
    case 'multiple_choice': {
      const choices = choicesOf(values, columns);
      return { ...base, choices, answer: answerLetter(values, columns.answer, choices.length) };
    }
    case 'exact_match':
    case 'f1':
      return { ...base, answer: acceptedAnswers(values, columns.answer) };
    case 'numeric':
      return { ...base, answer: integerAnswer(values, columns.answer) };
    case 'model_graded':
      return { ...base, answer: text(values, columns.answer) };
  }
}

/** Every column the mapping names, for the CSV header check. */
export function mappedColumns(columns: DatasetColumns): string[] {
  return [columns.question, columns.answer, ...(columns.choices ? [columns.choices] : []), ...(columns.choice_columns ?? []), ...(columns.group ? [columns.group] : [])];
}
