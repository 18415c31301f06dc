/** The benchmark catalog of the New run page: search, category filter, ordering and capability badges. */
import type { Benchmark } from '../api/types';

export interface CatalogFilter {
  search: string;
  category: string;
  /** Also list benchmarks this engine cannot run (they are shown after the runnable ones, disabled). */
  showUnrunnable: boolean;
}

const haystack = (b: Benchmark) => [b.name, b.display_name, b.description_short, b.category, ...b.tags].join(' ').toLowerCase();

/** Runnable first, then featured, then by display name. Every word of the search must match somewhere. */
export function filterCatalog(benchmarks: Benchmark[], f: CatalogFilter): Benchmark[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return benchmarks
    .filter((b) => (f.showUnrunnable || b.runnable) && (!f.category || b.category === f.category))
    .filter((b) => {
      if (!words.length) return true;
      const text = haystack(b);
      return words.every((w) => text.includes(w));
    })
    .sort(
      (a, b) =>
        Number(b.runnable) - Number(a.runnable) || Number(b.featured) - Number(a.featured) || a.display_name.localeCompare(b.display_name),
    );
}

/** Categories with their counts among the benchmarks shown, most common first. */
export function categoryCounts(benchmarks: Benchmark[]): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const b of benchmarks) counts.set(b.category, (counts.get(b.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

export interface Badge {
  label: string;
  title: string;
}

/** What a model needs to run the benchmark, as short badges. */
export function capabilityBadges(b: Benchmark): Badge[] {
  const r = b.requirements;
  const badges: Badge[] = [];
  if (r.vision) badges.push({ label: 'Vision', title: 'Needs a model that reads images' });
  if (r.code_execution) badges.push({ label: 'Code execution', title: 'Runs the generated code in a sandbox' });
  if (r.function_calling) badges.push({ label: 'Tools', title: 'Needs function calling' });
  if (r.min_context_length) badges.push({ label: `${Math.round(r.min_context_length / 1000)}k context`, title: `Needs a context of at least ${r.min_context_length.toLocaleString('en-US')} tokens` });
  if (r.grader_model) badges.push({ label: 'Model-graded', title: `Answers are graded by ${r.grader_model}` });
  if (r.judges) badges.push({ label: 'Fixed judges', title: `Judged by ${Object.entries(r.judges).map(([role, model]) => `${model} (${role})`).join(' and ')}, with your keys for their provider` });
  if (b.alpha) badges.push({ label: 'Alpha', title: 'Experimental in openbench' });
  return badges;
}

export const docsUrl = (b: Benchmark) => `https://github.com/groq/openbench/tree/main/docs/benchmarks/${(b.group ?? b.name).replace(/-/g, '_')}.md`;

/**
 * Why `model` cannot run benchmark `b`: the benchmark needs a context window (`requirements.min_context_length`) larger
 * than the model's, as its provider's models endpoint reports it (`context_length` from GET /api/models). Null when
 * either is unknown or the window suffices: an unknown window is never a reason to refuse. The same check as the
 * contracts' `contextWindowShortfall`, which POST /api/runs, the worker and the CLI apply (the web app may not import
 * workspace packages; apps/web/src/lib/catalog.test.ts holds the two to the same answers).
 */
export function contextShortfall(b: Benchmark | undefined, model: string, contextLength: number | null | undefined): string | null {
  const needed = b?.requirements.min_context_length;
  if (!needed || contextLength === null || contextLength === undefined || contextLength >= needed) return null;
  return `${b.display_name} needs a context window of at least ${needed.toLocaleString('en-US')} tokens; ${model} has ${contextLength.toLocaleString('en-US')}.`;
}
