/**
 * openbench `compute_detailed_scores()` (`metrics/clockbench.py`): per-question accuracy, readable vs broken clocks,
 * follow-up accuracy given a correct valid time, and the circular error of wrong valid times, from the comparisons
 * `clockbench_scorer` keeps (`detailed_results`); samples without them (scoring errors) are left out.
 */
import { CLOCKBENCH_QUESTION_TYPES, convertToIntOrNone } from '../scorers/clockbench.scorer';
import { pyRound } from '../scorers/python-float.util';
import { isJsonObject } from '../scorers/python-json.util';
import type { Metric } from '../types';

type Answer = Record<string, unknown>;
interface Result {
  expected: Answer;
  got: Answer;
  correct: boolean;
}

/** `calculate_percentage` / `calculate_fraction`: rounded to 4 places, null for a zero denominator. */
const fraction = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : pyRound(numerator / denominator, 4));

/** `convert_expected_value_to_scalar`: False/None as 0, an int, or a `[low, high]` range's midpoint (half to even). */
function expectedScalar(value: unknown): number | null {
  if (value === false || value === null || value === undefined) return 0;
  const asInt = convertToIntOrNone(value);
  if (asInt !== null) return asInt;
  if (Array.isArray(value) && value.length === 2) {
    const [low, high] = value.map(convertToIntOrNone);
    if (low !== null && high !== null) return pyRound((low + high) / 2.0, 0);
  }
  return null;
}

/** `convert_predicted_value_to_scalar`. */
const predictedScalar = (value: unknown): number | null => (value === false || value === null || value === undefined ? 0 : convertToIntOrNone(value));

/** Python's `%` (the sign of the divisor). */
const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** `determine_clock_period_hours`: 24 when the expected hour is 13 or more or the sample key names a 24-hour clock. */
function periodHours(sampleKey: string, expectedHours: unknown): number {
  const hours = convertToIntOrNone(expectedHours);
  if (hours !== null && hours >= 13) return 24;
  const key = sampleKey.toLowerCase();
  return key.includes('24') && key.includes('hour') ? 24 : 12;
}

const seconds = (h: number, m: number, s: number, period: number): number => mod(mod(h, period) * 3600 + m * 60 + s, period * 3600);

/** `statistics.median`. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function clockbenchMetrics(): Metric {
  return {
    name: 'compute_detailed_scores',
    compute(scores): Record<string, number> {
      const results = new Map<string, Record<string, Result>>();
      for (const { score } of scores) {
        const md = score.metadata ?? {};
        const id = Object.hasOwn(md, 'sample_id') ? String(md.sample_id) : `sample_${results.size}`;
        if (Object.hasOwn(md, 'detailed_results')) results.set(id, md.detailed_results as Record<string, Result>);
      }
      if (results.size === 0) return {};
      const items = [...results];
      const time = (r: Record<string, Result>) => r.time;

      const perTask = Object.fromEntries(
        CLOCKBENCH_QUESTION_TYPES.map((type) => {
          const answered = items.filter(([, r]) => Object.hasOwn(r, type));
          return [type, pyRound(answered.filter(([, r]) => r[type].correct).length / Math.max(1, answered.length), 4)];
        }),
      ) as Record<(typeof CLOCKBENCH_QUESTION_TYPES)[number], number>;

      const valid = items.filter(([, r]) => time(r).expected.valid === true);
      const invalid = items.filter(([, r]) => time(r).expected.valid === false);
      const validAccuracy = fraction(valid.filter(([, r]) => time(r).correct).length, valid.length);
      const invalidAccuracy = fraction(invalid.filter(([, r]) => time(r).correct).length, invalid.length);

      const validCorrect = valid.filter(([, r]) => time(r).correct);
      const conditional = (type: 'shift' | 'angle' | 'zone') => fraction(validCorrect.filter(([, r]) => r[type].correct).length, validCorrect.length);

      const deltas: number[] = [];
      let excluded = 0;
      let skipped = 0;
      for (const [id, r] of valid) {
        const expected = time(r).expected;
        const got = time(r).got;
        if (['hours', 'minutes', 'seconds'].some((field) => isJsonObject(expected[field]))) {
          excluded += 1;
          continue;
        }
        if (time(r).correct) continue;
        const e = ['hours', 'minutes', 'seconds'].map((field) => expectedScalar(expected[field]));
        const p = ['hours', 'minutes', 'seconds'].map((field) => predictedScalar(got[field]));
        if ([...e, ...p].some((value) => value === null)) {
          skipped += 1;
          continue;
        }
        const period = periodHours(id, expected.hours);
        const [eh, em, es] = e as number[];
        const [ph, pm, ps] = p as number[];
        const diff = Math.abs(seconds(ph, pm, ps, period) - seconds(eh, em, es, period));
        deltas.push(Math.min(diff, period * 3600 - diff));
      }
      const average = deltas.length > 0 ? pyRound(deltas.reduce((sum, d) => sum + d, 0) / deltas.length, 2) : null;
      const middle = deltas.length > 0 ? pyRound(median(deltas), 2) : null;

      const predictedInvalid = items.filter(([, r]) => isJsonObject(time(r).got) && time(r).got.valid === false).length;

      return {
        time_reading_accuracy: perTask.time,
        shift_accuracy: perTask.shift,
        angle_accuracy: perTask.angle,
        zone_accuracy: perTask.zone,
        predicted_invalid_time_percent: pyRound((100 * predictedInvalid) / items.length, 2),
        average_time_error_seconds: average ?? 0.0,
        median_time_error_seconds: middle ?? 0.0,
        readable_clocks_accuracy: validAccuracy ?? 0.0,
        broken_clocks_accuracy: invalidAccuracy ?? 0.0,
        correct_valid_time: validCorrect.length,
        conditional_shift_accuracy: conditional('shift') ?? 0.0,
        conditional_angle_accuracy: conditional('angle') ?? 0.0,
        conditional_zone_accuracy: conditional('zone') ?? 0.0,
        predicted_incorrect_time: deltas.length,
        excluded_multiple_answers: excluded,
        skipped_incomplete_data: skipped,
      };
    },
  };
}
