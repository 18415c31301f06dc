/** What the Compare page derives from GET /api/runs/compare: metric rows across runs, groups as chart series, exports. */
import type { CompareResponse, ComparePair } from '../api/types';
import { toCsv } from './export';

export interface MetricRow {
  name: string;
  cells: ({ value: number; stderr: number | null; ci_lower: number | null; ci_upper: number | null } | null)[];
  /** Index of the run with the highest value, when more than one run has it. */
  best: number | null;
}

/** One row per metric any run reports, in first-seen order; the primary metric first. */
export function metricRows(cmp: CompareResponse): MetricRow[] {
  const names: string[] = [];
  const primary = cmp.runs.find((r) => r.primary_metric_name)?.primary_metric_name;
  if (primary) names.push(primary);
  for (const r of cmp.runs) for (const m of r.metrics) if (!names.includes(m.name)) names.push(m.name);
  return names.map((name) => {
    const cells = cmp.runs.map((r) => r.metrics.find((m) => m.name === name) ?? null);
    const present = cells.flatMap((c, i) => (c ? [[c.value, i] as const] : []));
    const best = present.length > 1 ? present.reduce((a, b) => (b[0] > a[0] ? b : a))[1] : null;
    return { name, cells, best };
  });
}

/** Breakdown name → its groups (in order) and, per run, the value of each group. */
export function groupSeries(cmp: CompareResponse): Map<string, { groups: string[]; values: (number | null)[][] }> {
  const out = new Map<string, { groups: string[]; values: (number | null)[][] }>();
  for (const g of cmp.groups) {
    let entry = out.get(g.breakdown);
    if (!entry) {
      entry = { groups: [], values: cmp.runs.map(() => []) };
      out.set(g.breakdown, entry);
    }
    entry.groups.push(g.key);
    cmp.runs.forEach((r, i) => entry!.values[i].push(g.values.find((v) => v.run_id === r.run_id)?.value ?? null));
  }
  return out;
}

/** A sentence for a pair: which run is better on the shared samples, and whether chance explains it. */
export function pairVerdict(pair: ComparePair, nameA: string, nameB: string, alpha = 0.05): string {
  if (pair.shared_samples === 0) return 'No sample was scored by both runs.';
  const discordant = pair.a_correct_b_incorrect + pair.b_correct_a_incorrect;
  if (discordant === 0) return 'Both runs got exactly the same samples right.';
  const better = pair.b_correct_a_incorrect > pair.a_correct_b_incorrect ? nameB : nameA;
  if (pair.mcnemar_p_value < alpha) return `${better} is better on these samples (McNemar p = ${formatP(pair.mcnemar_p_value)}).`;
  return `No significant difference (McNemar p = ${formatP(pair.mcnemar_p_value)}); ${discordant} sample${discordant === 1 ? '' : 's'} flipped.`;
}

export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p < 0.01 ? p.toFixed(4) : p.toFixed(3);
}

/** The paired table of every pair, one CSV row per pair. */
export function pairsToCsv(cmp: CompareResponse): string {
  const label = (id: string) => {
    const r = cmp.runs.find((x) => x.run_id === id);
    return r ? `${r.model} (${r.benchmark})` : id;
  };
  return toCsv(
    ['run_a', 'run_b', 'model_a', 'model_b', 'shared_samples', 'both_correct', 'both_incorrect', 'a_correct_b_incorrect', 'b_correct_a_incorrect', 'accuracy_a', 'accuracy_b', 'difference', 'difference_ci_lower', 'difference_ci_upper', 'mcnemar_p_value'],
    cmp.pairs.map((p) => [
      p.run_a,
      p.run_b,
      label(p.run_a),
      label(p.run_b),
      p.shared_samples,
      p.both_correct,
      p.both_incorrect,
      p.a_correct_b_incorrect,
      p.b_correct_a_incorrect,
      p.accuracy_a,
      p.accuracy_b,
      p.difference,
      p.difference_ci_lower,
      p.difference_ci_upper,
      p.mcnemar_p_value,
    ]),
  );
}

/** Run ids from the `ids` URL parameter: distinct, in order, at most 8. */
export function parseIds(ids: string | undefined): string[] {
  return [...new Set((ids ?? '').split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 8);
}
