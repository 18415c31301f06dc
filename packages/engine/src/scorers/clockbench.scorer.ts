/**
 * openbench `clockbench_scorer` (`scorers/clockbench.py`): the four answers the solver collected (time, shift, angle,
 * zone) compared field by field with each target (validity first; ranges, choices and alternatives for numbers;
 * case-folded strings), the sample scored by the share of correct answers, the comparison kept for the metrics.
 */
import type { Score, Scorer } from '../types';
import { parsePythonInt } from './python-float.util';
import { isJsonObject, pyJsonEquals, pyJsonFromJs, pyJsonLoads, pyJsonToJs, pyJsonTypeName } from './python-json.util';
import { pyStrip } from './python-text.util';

export const CLOCKBENCH_QUESTION_TYPES = ['time', 'shift', 'angle', 'zone'] as const;
const TIME_FIELDS = ['valid', 'hours', 'minutes', 'seconds', 'date', 'month', 'weekday'];
const CLOCK_FIELDS = ['valid', 'hours', 'minutes', 'seconds'];
const FIELDS: Record<(typeof CLOCKBENCH_QUESTION_TYPES)[number], string[]> = {
  time: TIME_FIELDS,
  shift: CLOCK_FIELDS,
  angle: CLOCK_FIELDS,
  zone: CLOCK_FIELDS,
};

/** `is_finite_number`: an int or float, not a bool, finite. */
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const DIGITS = /^\p{Nd}+$/u;

/** `convert_to_int_or_none`: a finite number truncated, or a string of digits (optionally negative), else null. */
export function convertToIntOrNone(value: unknown): number | null {
  if (isFiniteNumber(value)) return Math.trunc(value);
  if (typeof value === 'string') {
    const stripped = pyStrip(value);
    if (DIGITS.test(stripped) || (stripped.startsWith('-') && DIGITS.test(stripped.slice(1)))) return Number(parsePythonInt(stripped));
  }
  return null;
}

/** Python `a == b` on JSON values (`True == 1`, lists and dicts compared item by item). */
const pyEquals = (a: unknown, b: unknown): boolean => pyJsonEquals(pyJsonFromJs(a), pyJsonFromJs(b));

/** Python `str.casefold()`, approximated by upper- then lower-casing (ß → ss, final sigma → σ). */
const casefold = (text: string): string => text.toUpperCase().toLowerCase();
const INTEGER = /^-?\p{Nd}+$/u;

/** `match_value`: whether the predicted value satisfies the expected one. */
export function matchValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string') return typeof actual === 'string' && casefold(pyStrip(expected)) === casefold(pyStrip(actual));
  if (expected === null || expected === undefined || typeof expected === 'boolean') return pyEquals(expected, actual);
  if (isFiniteNumber(expected)) {
    const actualInt = convertToIntOrNone(actual);
    return actualInt !== null && actualInt === Math.trunc(expected);
  }
  if (Array.isArray(expected) && expected.length > 0) {
    const actualInt = convertToIntOrNone(actual);
    if (expected.length === 2 && expected.every(isFiniteNumber)) {
      return actualInt !== null && Math.trunc(expected[0]) <= actualInt && actualInt <= Math.trunc(expected[1]);
    }
    const choices = new Set(
      expected
        .filter((choice) => isFiniteNumber(choice) || (typeof choice === 'string' && INTEGER.test(choice)))
        .map((choice) => (isFiniteNumber(choice) ? Math.trunc(choice) : Number(parsePythonInt(choice as string)))),
    );
    return actualInt !== null && choices.has(actualInt);
  }
  if (isJsonObject(expected) && Object.keys(expected).length > 0) {
    const choices = new Set<number>();
    for (const value of Object.values(expected)) {
      if (isFiniteNumber(value)) choices.add(Math.trunc(value));
      else if (typeof value === 'string' && INTEGER.test(pyStrip(value))) choices.add(Number(parsePythonInt(pyStrip(value))));
      else if (Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber)) {
        for (let n = Math.trunc(value[0]); n <= Math.trunc(value[1]); n++) choices.add(n);
      }
    }
    const actualInt = convertToIntOrNone(actual);
    return choices.size > 0 ? actualInt !== null && choices.has(actualInt) : pyEquals(expected, actual);
  }
  return pyEquals(expected, actual);
}

/** `dict.get` on a value upstream assumes to be a dict: anything else raises AttributeError. */
function fieldsOf(value: unknown, fields: readonly string[]): Record<string, unknown> {
  if (!isJsonObject(value)) throw new Error(`'${pyJsonTypeName(pyJsonFromJs(value))}' object has no attribute 'get'`);
  return Object.fromEntries(fields.map((field) => [field, Object.hasOwn(value, field) ? value[field] : null]));
}

/** `compare_gt_pred`: (correct, details) where details maps each field to [expected, got(, matched)]. */
export function compareGtPred(groundTruthObj: unknown, predictedObj: unknown, fields: readonly string[]): [boolean, Record<string, unknown>] {
  const groundTruth = fieldsOf(groundTruthObj, fields);
  const predicted = fieldsOf(predictedObj, fields);
  const details: Record<string, unknown> = { valid: [groundTruth.valid, predicted.valid] };
  // Python `is not`: True, False and None are singletons; equal small ints are identical too.
  if (groundTruth.valid !== predicted.valid) return [false, { ...details, reason: 'validity_mismatch' }];
  if (groundTruth.valid === false) return [true, details];
  let allCorrect = true;
  for (const field of fields) {
    if (field === 'valid') continue;
    const matches = matchValue(groundTruth[field], predicted[field]);
    details[field] = [groundTruth[field], predicted[field], matches];
    allCorrect = allCorrect && matches;
  }
  return [allCorrect, details];
}

export function createClockbenchScorer(): Scorer {
  return {
    name: 'clockbench_scorer',
    async score(ctx): Promise<Score> {
      try {
        const responses = pyJsonToJs(pyJsonLoads(ctx.completion));
        const targets = ctx.sample.metadata?.target;
        const target = isJsonObject(targets) ? targets : {};
        const detailed: Record<string, unknown> = {};
        const perTask: Record<string, number> = {};
        for (const type of CLOCKBENCH_QUESTION_TYPES) {
          const gt = Object.hasOwn(target, type) ? target[type] : {};
          const got = isJsonObject(responses) && Object.hasOwn(responses, type) ? responses[type] : {};
          const [correct, details] = compareGtPred(gt, got, FIELDS[type]);
          detailed[type] = { expected: gt, got, correct, details };
          perTask[type] = correct ? 1.0 : 0.0;
        }
        const value = (perTask.time + perTask.shift + perTask.angle + perTask.zone) / CLOCKBENCH_QUESTION_TYPES.length;
        return { value, metadata: { sample_id: ctx.sample.id, detailed_results: detailed, ...perTask } };
      } catch (error) {
        return { value: 0.0, metadata: { error: (error as Error).message, sample_id: ctx.sample.id } };
      }
    },
  };
}
