/** The New suite form: the benchmarks and models picked, and the run options every run of the suite gets. */
import type { SuiteCreate, SuiteSummary } from '../api/types';
import { isModelId, toRunOptions, type FormErrors, type RunForm } from './run-form';

export const MAX_SUITE_ITEMS = 20;

/** Models typed one per line or comma-separated, trimmed, without repeats. */
export const parseModels = (text: string) => [...new Set(text.split(/[\n,]/).map((m) => m.trim()).filter(Boolean))];

export interface SuiteFormErrors extends FormErrors {
  benchmarks?: string;
  models?: string;
}

/** What the suite runs: the benchmarks picked, or an eval group's members (the server expands the group). */
export type SuiteSelection = { benchmarks: readonly string[] } | { group: string };

/** The request body, or the errors that keep the form from being sent. */
export function toSuiteCreate(name: string, selection: SuiteSelection, modelsText: string, form: RunForm): { body: SuiteCreate } | { errors: SuiteFormErrors } {
  const errors: SuiteFormErrors = {};
  const models = parseModels(modelsText);
  const benchmarks = 'benchmarks' in selection ? selection.benchmarks : null;
  if (benchmarks?.length === 0) errors.benchmarks = 'Choose at least one benchmark';
  else if (benchmarks && benchmarks.length > MAX_SUITE_ITEMS) errors.benchmarks = `At most ${MAX_SUITE_ITEMS} benchmarks`;
  const bad = models.find((m) => !isModelId(m));
  if (models.length === 0) errors.models = 'Add at least one model, written provider/model';
  else if (bad) errors.models = `"${bad}" is not written provider/model, e.g. openai/gpt-4o`;
  else if (models.length > MAX_SUITE_ITEMS) errors.models = `At most ${MAX_SUITE_ITEMS} models`;
  const options = toRunOptions(form);
  if ('errors' in options) Object.assign(errors, options.errors);
  if (Object.keys(errors).length || 'errors' in options) return { errors };
  const runs = benchmarks ? { benchmarks: [...benchmarks] } : { group: (selection as { group: string }).group };
  return { body: { ...(name.trim() ? { name: name.trim() } : {}), ...runs, models, ...options.body } };
}

/** What a suite is called: its name, else what it runs (an eval group on its models, or models × benchmarks). */
export function suiteTitle(s: Pick<SuiteSummary, 'name' | 'group' | 'models' | 'benchmarks'>): string {
  if (s.name) return s.name;
  const models = `${s.models.length} model${s.models.length === 1 ? '' : 's'}`;
  return s.group ? `Eval group ${s.group} on ${models}` : `Suite of ${s.models.length} × ${s.benchmarks.length}`;
}

/** A cell's colour on the heat map: red (0) through amber to green (1), a neutral surface without a value. */
export function heatColor(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'transparent';
  const v = Math.min(1, Math.max(0, value));
  return `hsl(${Math.round(v * 120)} 70% 45% / 0.3)`;
}
