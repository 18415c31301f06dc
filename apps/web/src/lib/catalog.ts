/** The benchmark catalog of the New run page: search, category filter, ordering and capability badges. */
import type { Benchmark, ScoringServicePublic } from '../api/types';

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

/** A scoring service's names, as `GET /api/service-keys/services` gives them. */
type ServiceNames = Pick<ScoringServicePublic, 'service' | 'display_name' | 'short_name'>;

/** A scoring service's names; its id stands in while the list loads or if it does not know the service. */
const serviceNames = (service: string, known: readonly ServiceNames[]): ServiceNames =>
  known.find((s) => s.service === service) ?? { service, display_name: service, short_name: service };

/** What a model needs to run the benchmark, and the keys of the outside services that score it, as short badges. */
export function capabilityBadges(b: Benchmark, services: readonly ServiceNames[] = []): Badge[] {
  const r = b.requirements;
  const badges: Badge[] = [];
  if (r.vision) badges.push({ label: 'Vision', title: 'Needs a model that reads images' });
  if (r.code_execution) badges.push({ label: 'Code execution', title: 'Runs the generated code in a sandbox' });
  if (r.function_calling) badges.push({ label: 'Tools', title: 'Needs function calling' });
  if (r.min_context_length) badges.push({ label: `${Math.round(r.min_context_length / 1000)}k context`, title: `Needs a context of at least ${r.min_context_length.toLocaleString('en-US')} tokens` });
  if (r.grader_model) badges.push({ label: 'Model-graded', title: `Answers are graded by ${r.grader_model}` });
  if (r.judges) badges.push({ label: 'Fixed judges', title: `Judged by ${Object.entries(r.judges).map(([role, model]) => `${model} (${role})`).join(' and ')}, with your keys for their provider` });
  for (const service of r.scoring_services ?? []) {
    const { display_name, short_name } = serviceNames(service, services);
    badges.push({ label: `${short_name} key`, title: `Scored by ${display_name} with your key (Settings → Scoring services)` });
  }
  if (b.alpha) badges.push({ label: 'Alpha', title: 'Experimental in openbench' });
  return badges;
}

export interface ServiceKeyNeed {
  service: string;
  display_name: string;
  /** Whether you have saved a key for it; null while your keys are unknown (loading, or they could not be read). */
  saved: boolean | null;
}

/**
 * The outside scoring services the benchmark is scored by with your key (`requirements.scoring_services`), each with
 * whether you have saved that key (`savedKeys`: the services of `GET /api/service-keys`, undefined while unknown).
 */
export function serviceKeyNeeds(b: Benchmark | undefined, services: readonly ServiceNames[], savedKeys: readonly string[] | undefined): ServiceKeyNeed[] {
  return (b?.requirements.scoring_services ?? []).map((service) => ({
    service,
    display_name: serviceNames(service, services).display_name,
    saved: savedKeys ? savedKeys.includes(service) : null,
  }));
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
