/**
 * Typed reads of dataset record fields. openbench indexes records directly (`record["question"]`), so a missing
 * field is an error there too; here a field of the wrong type is one as well, instead of being formatted into the
 * prompt as `None` or `[object Object]`.
 */
import type { DatasetRecord } from '@studio/datasets';
import { parsePythonInt } from '../../scorers/python-float.util';
import { pyRepr } from '../../scorers/python-text.util';

export function stringField(record: DatasetRecord, name: string): string {
  const value = record[name];
  if (typeof value !== 'string') throw new TypeError(`record field "${name}" is not a string: ${JSON.stringify(value)}`);
  return value;
}

export function numberField(record: DatasetRecord, name: string): number {
  const value = record[name];
  if (typeof value !== 'number') throw new TypeError(`record field "${name}" is not a number: ${JSON.stringify(value)}`);
  return value;
}

export function objectField(record: DatasetRecord, name: string): DatasetRecord {
  const value = record[name];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`record field "${name}" is not an object: ${JSON.stringify(value)}`);
  }
  return value as DatasetRecord;
}

export function stringListField(record: DatasetRecord, name: string): string[] {
  const value = record[name];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TypeError(`record field "${name}" is not a list of strings: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Python `record[name]` for a value kept as it is (metadata): only an absent key is an error. */
export function anyField(record: DatasetRecord, name: string): unknown {
  if (!Object.hasOwn(record, name)) throw new TypeError(`record has no field "${name}"`);
  return record[name];
}

/** Python `name in record`: an own key, whatever its value (a record is a dict; `in` would also see Object.prototype). */
export function hasField(record: DatasetRecord, name: string): boolean {
  return Object.hasOwn(record, name);
}

/** Python `record.get(name, fallback)`: the fallback only when the key is absent. */
export function optionalField(record: DatasetRecord, name: string, fallback: unknown): unknown {
  return hasField(record, name) ? record[name] : fallback;
}

/** Python `int(text)` for a str, which raises on anything but an optionally signed, space-padded integer. */
export function pythonInt(text: string): number {
  const value = parsePythonInt(text);
  if (value === null) throw new Error(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  return Number(value);
}

/** Python truthiness of a record value: None, False, 0, "", an empty list and an empty dict are false. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
