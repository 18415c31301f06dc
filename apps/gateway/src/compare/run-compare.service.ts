import { setImmediate as nextTick } from 'node:timers/promises';
import type { GroupBreakdown } from '@studio/contracts';
import { findRuns, listRunSampleScores, type RunRow, type RunSampleScore } from '@studio/db';
import { comparePaired, PAIRED_BOOTSTRAP_CONFIDENCE, PAIRED_BOOTSTRAP_RESAMPLES, PAIRED_BOOTSTRAP_SEED } from '@studio/engine';
import type { AppDeps } from '../deps';
import { AppError, validationError } from '../errors/app-error';
import type { CompareGroup, ComparePair, CompareResponse, CompareRun, SampleRef } from './run-compare.types';

export const COMPARE_MIN_RUNS = 2;
export const COMPARE_MAX_RUNS = 8;

/** The run ids of `ids=a,b,...`: 2..8 distinct ids (surrounding spaces and empty entries ignored). */
export function parseCompareIds(raw: string): string[] {
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length < COMPARE_MIN_RUNS) throw validationError('ids', `list ${COMPARE_MIN_RUNS} to ${COMPARE_MAX_RUNS} run ids, comma-separated`);
  if (ids.length > COMPARE_MAX_RUNS) throw validationError('ids', `at most ${COMPARE_MAX_RUNS} run ids, got ${ids.length}`);
  const seen = new Set<string>();
  for (const id of ids) {
    const key = id.toLowerCase();
    if (seen.has(key)) throw validationError('ids', `run ${id} is listed twice`);
    seen.add(key);
  }
  return ids;
}

const sampleKey = (s: { sample_id: string; epoch: number }) => `${s.epoch}\u0000${s.sample_id}`;

/** A run's scored samples by (sample id, epoch), in plan order (Map keeps insertion order). */
function scoredSamples(samples: readonly RunSampleScore[]): Map<string, RunSampleScore & { score: number }> {
  const out = new Map<string, RunSampleScore & { score: number }>();
  for (const s of samples) if (s.score !== null) out.set(sampleKey(s), s as RunSampleScore & { score: number });
  return out;
}

const STATUS_WARNING: Partial<Record<RunRow['status'], string>> = {
  queued: 'has not started: it has no samples yet',
  running: 'is still running: its numbers will change',
  failed: 'failed: it covers only the samples it finished',
  canceled: 'was canceled: it covers only the samples it finished',
};

function toCompareRun(row: RunRow, scored: number): CompareRun {
  return {
    run_id: row.run_id,
    benchmark: row.benchmark,
    model: row.model,
    status: row.status,
    created_at: row.created_at.toISOString(),
    primary_metric_name: row.primary_metric_name,
    primary_metric: row.primary_metric,
    metrics: row.metrics ?? [],
    scored_samples: scored,
  };
}

/** Every (breakdown, key) any run has, in first-seen order, with each run's value. */
function compareGroups(rows: readonly RunRow[]): CompareGroup[] {
  const groups = new Map<string, CompareGroup>();
  const byRun = rows.map((row) => {
    const items = new Map<string, GroupBreakdown['items'][number]>();
    for (const breakdown of row.breakdowns ?? []) {
      for (const item of breakdown.items) {
        const key = `${breakdown.name}\u0000${item.key}`;
        items.set(key, item);
        if (!groups.has(key)) groups.set(key, { breakdown: breakdown.name, key: item.key, values: [] });
      }
    }
    return items;
  });
  for (const [key, group] of groups) {
    group.values = rows.map((row, i) => {
      const item = byRun[i]!.get(key);
      return {
        run_id: row.run_id,
        value: item?.value ?? null,
        stderr: item?.stderr ?? null,
        n: item?.n ?? null,
        ci_lower: item?.ci_lower ?? null,
        ci_upper: item?.ci_upper ?? null,
      };
    });
  }
  return [...groups.values()];
}

type Scored = Map<string, RunSampleScore & { score: number }>;

function comparePair(a: RunRow, b: RunRow, scoredA: Scored, scoredB: Scored): ComparePair {
  const refs: SampleRef[] = [];
  const valuesA: number[] = [];
  const valuesB: number[] = [];
  for (const [key, sample] of scoredA) {
    const other = scoredB.get(key);
    if (!other) continue;
    refs.push({ id: sample.sample_id, epoch: sample.epoch });
    valuesA.push(sample.score);
    valuesB.push(other.score);
  }
  const r = comparePaired(valuesA, valuesB);
  return {
    run_a: a.run_id,
    run_b: b.run_id,
    shared_samples: r.n,
    both_correct: r.bothCorrect,
    both_incorrect: r.bothIncorrect,
    a_correct_b_incorrect: r.onlyA.length,
    b_correct_a_incorrect: r.onlyB.length,
    flipped_to_incorrect: r.onlyA.map((i) => refs[i]!),
    flipped_to_correct: r.onlyB.map((i) => refs[i]!),
    mcnemar_p_value: r.pValue,
    accuracy_a: r.meanA,
    accuracy_b: r.meanB,
    difference: r.difference?.difference ?? null,
    difference_ci_lower: r.difference?.lower ?? null,
    difference_ci_upper: r.difference?.upper ?? null,
  };
}

export class RunCompareService {
  constructor(private readonly deps: AppDeps) {}

  async compare(rawIds: string): Promise<CompareResponse> {
    const ids = parseCompareIds(rawIds);
    const found = new Map((await findRuns(this.deps.db, ids)).map((row) => [row.run_id, row]));
    const missing = ids.find((id) => !found.has(id.toLowerCase()));
    if (missing !== undefined) throw new AppError('RUN_NOT_FOUND', `Run ${missing} not found`);
    const rows = ids.map((id) => found.get(id.toLowerCase())!);

    const stored = await listRunSampleScores(this.deps.db, rows.map((row) => row.run_id));
    const scored = rows.map((row) => scoredSamples(stored.get(row.run_id)!));
    let shared = 0;
    for (const key of scored[0]!.keys()) if (scored.every((s) => s.has(key))) shared++;

    const pairs: ComparePair[] = [];
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        pairs.push(comparePair(rows[i]!, rows[j]!, scored[i]!, scored[j]!));
        // A pair's bootstrap takes milliseconds; let other requests through between pairs.
        await nextTick();
      }
    }
    return {
      runs: rows.map((row, i) => toCompareRun(row, scored[i]!.size)),
      warnings: warnings(rows, scored, shared),
      shared_samples: shared,
      groups: compareGroups(rows),
      pairs,
      bootstrap: { resamples: PAIRED_BOOTSTRAP_RESAMPLES, seed: PAIRED_BOOTSTRAP_SEED, confidence: PAIRED_BOOTSTRAP_CONFIDENCE },
    };
  }
}

function warnings(rows: readonly RunRow[], scored: readonly Scored[], shared: number): string[] {
  const out: string[] = [];
  const benchmarks = [...new Set(rows.map((row) => row.benchmark))];
  if (benchmarks.length > 1) {
    out.push(
      `The runs are on different benchmarks (${benchmarks.join(', ')}): they are compared on the samples with the same id and epoch, which may be different questions.`,
    );
  }
  if (shared === 0) {
    out.push('The runs have no scored sample in common: there is nothing to compare sample by sample.');
  } else if (scored.some((s) => s.size !== shared)) {
    const extra = rows
      .map((row, i) => ({ row, extra: scored[i]!.size - shared }))
      .filter((r) => r.extra > 0)
      .map((r) => `${r.row.run_id} has ${r.extra} more`);
    out.push(
      `The runs scored different samples: the paired numbers use the samples each pair shares, and ${shared} samples (× epochs) are shared by all (${extra.join('; ')}).`,
    );
  }
  for (const row of rows) {
    const status = STATUS_WARNING[row.status];
    if (status) out.push(`Run ${row.run_id} ${status}.`);
  }
  return out;
}
