import type { GroupBreakdown, MetricSummary } from '@studio/contracts';
import { wilsonInterval } from '../metrics';
import type { EvalScoreResult, ReducedScore } from '../types';
import type { EpochReduction } from '../runner';

export interface ResultSummary {
  primary_metric: { name: string; value: number } | null;
  metrics: MetricSummary[];
  breakdowns: GroupBreakdown[];
  scored_samples: number;
}

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export interface PassFailInterval {
  lower: number;
  upper: number;
  successes: number;
  n: number;
}

/**
 * Wilson 95% interval of pass/fail scores: counted from the reduced sample values themselves, and
 * only when every one is 0 or 1 (F1 scores or multi-epoch means are not binomial outcomes).
 */
export function passFailInterval(values: readonly number[]): PassFailInterval | null {
  const scored = values.filter((v) => !Number.isNaN(v));
  if (scored.length === 0 || scored.some((v) => v !== 0 && v !== 1)) return null;
  const successes = scored.filter((v) => v === 1).length;
  return { ...wilsonInterval(successes, scored.length), successes, n: scored.length };
}

function ci(values: readonly number[]): Pick<MetricSummary, 'ci_lower' | 'ci_upper'> {
  const interval = passFailInterval(values);
  return interval ? { ci_lower: interval.lower, ci_upper: interval.upper } : { ci_lower: null, ci_upper: null };
}

/** The metadata field whose values name every group (MMLU `category`, MGSM `language`); the first seen when several do. */
function groupField(samples: readonly ReducedScore[], groups: readonly string[]): string | null {
  const names = new Set(groups);
  // Per string-valued field (in first-seen order), the group names among its values: only those decide. A run's end
  // waits for this, so it walks the metadata without copying it.
  const found = new Map<string, Set<string>>();
  for (const s of samples) {
    const metadata = s.sample_metadata;
    if (!metadata) continue;
    for (const k of Object.keys(metadata)) {
      const v = metadata[k];
      if (typeof v !== 'string') continue;
      let set = found.get(k);
      if (!set) found.set(k, (set = new Set()));
      if (names.has(v)) set.add(v);
    }
  }
  for (const [k, set] of found) if (set.size === names.size) return k;
  return null;
}

/** The sample values by their `field` value (string values only), each group's in sample order. */
function valuesByGroup(samples: readonly ReducedScore[], field: string): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  for (const s of samples) {
    const group = s.sample_metadata?.[field];
    if (typeof group !== 'string') continue;
    const values = byGroup.get(group);
    if (values) values.push(s.value);
    else byGroup.set(group, [s.value]);
  }
  return byGroup;
}

/**
 * Turns the first result (first reducer) into what users see: every metric with its stderr and a
 * Wilson 95% interval next to each accuracy, and per-group breakdowns from `<group>_accuracy` names.
 */
export function summarizeResults(results: readonly EvalScoreResult[], reductions: readonly EpochReduction[] = []): ResultSummary {
  const first = results[0];
  if (!first) return { primary_metric: null, metrics: [], breakdowns: [], scored_samples: 0 };
  const m = first.metrics;
  const n = first.scored_samples;
  const samples = (reductions[0]?.samples ?? []).filter((s) => !Number.isNaN(s.value));

  const groupNames = Object.keys(m)
    .filter((k) => k !== 'accuracy' && k.endsWith('_accuracy'))
    .map((k) => k.slice(0, -'_accuracy'.length));
  const field = groupNames.length ? groupField(samples, groupNames) : null;
  const groupKeys = new Set(groupNames.flatMap((g) => Object.keys(m).filter((k) => k.startsWith(`${g}_`))));

  const metrics: MetricSummary[] = Object.values(m)
    .filter((x) => !groupKeys.has(x.name) && x.name !== 'stderr' && x.name !== 'std')
    .map((x) => ({
      name: x.name,
      value: x.value,
      stderr: x.name === 'accuracy' && finite(m.stderr?.value) ? m.stderr.value : null,
      ...(x.name === 'accuracy' ? ci(samples.map((s) => s.value)) : { ci_lower: null, ci_upper: null }),
    }));

  const byGroup = field ? valuesByGroup(samples, field) : undefined;
  const breakdowns: GroupBreakdown[] = groupNames.length
    ? [
        {
          name: field ?? 'group',
          items: groupNames.map((g) => {
            const inGroup = byGroup?.get(g) ?? [];
            return {
              key: g,
              value: m[`${g}_accuracy`].value,
              stderr: finite(m[`${g}_stderr`]?.value) ? m[`${g}_stderr`].value : null,
              n: field ? inGroup.length : null,
              ...ci(inGroup),
            };
          }),
        },
      ]
    : [];

  const primaryName = m.accuracy ? 'accuracy' : Object.keys(m)[0];
  return {
    primary_metric: primaryName ? { name: primaryName, value: m[primaryName].value } : null,
    metrics,
    breakdowns,
    scored_samples: n,
  };
}
