/**
 * The New run form: its fields as typed text, their checks (the same bounds as POST /api/runs), the request body
 * they make, and the pre-fill from an earlier run ("Run again with changes").
 */
import type { RunCreate, RunDetail, RunOptions } from '../api/types';

export type FailOnErrorMode = 'first' | 'never' | 'fraction' | 'count';
export type ReasoningEffortChoice = '' | NonNullable<RunCreate['reasoning_effort']>;

export interface RunForm {
  benchmark: string;
  model: string;
  limit: string;
  epochs: string;
  temperature: string;
  top_p: string;
  max_tokens: string;
  seed: string;
  timeout: string;
  max_connections: string;
  grader_model: string;
  fail_on_error: FailOnErrorMode;
  fail_on_error_value: string;
  /** Comma-separated reducer names; empty keeps the benchmark's. */
  epochs_reducer: string;
  reasoning_effort: ReasoningEffortChoice;
  /** The benchmark's own arguments (openbench `-T`), one `key=value` per line; empty: the benchmark's defaults. */
  task_args: string;
  tags: string;
  notes: string;
}

export const emptyForm: RunForm = {
  benchmark: '',
  model: '',
  limit: '10',
  epochs: '',
  temperature: '',
  top_p: '',
  max_tokens: '',
  seed: '',
  timeout: '',
  max_connections: '',
  grader_model: '',
  fail_on_error: 'first',
  fail_on_error_value: '',
  epochs_reducer: '',
  reasoning_effort: '',
  task_args: '',
  tags: '',
  notes: '',
};

/** The reducers openbench knows; `_<k>` ones take a number, e.g. pass_at_2 (the server checks every name). */
const REDUCER = /^(mean|median|mode|max|(pass_at|at_least|pass_hat)_[1-9]\d*)$/;

export type FormErrors = Partial<Record<keyof RunForm, string>>;

interface NumberRule {
  integer: boolean;
  min: number;
  max?: number;
  label: string;
}

const INT32_MAX = 2_147_483_647;
export const NUMBER_RULES: Partial<Record<keyof RunForm, NumberRule>> = {
  limit: { integer: true, min: 1, max: INT32_MAX, label: 'Sample limit' },
  epochs: { integer: true, min: 1, max: 100, label: 'Epochs' },
  temperature: { integer: false, min: 0, max: 2, label: 'Temperature' },
  top_p: { integer: false, min: 0, max: 1, label: 'Top p' },
  max_tokens: { integer: true, min: 1, max: INT32_MAX, label: 'Max tokens' },
  seed: { integer: true, min: -2_147_483_648, max: INT32_MAX, label: 'Seed' },
  timeout: { integer: true, min: 1, max: 86_400, label: 'Timeout' },
  max_connections: { integer: true, min: 1, max: INT32_MAX, label: 'Max connections' },
};

function checkNumber(raw: string, rule: NumberRule): { value: number | null; error?: string } {
  const text = raw.trim();
  if (!text) return { value: null };
  const n = Number(text);
  if (!Number.isFinite(n)) return { value: null, error: `${rule.label} must be a number` };
  if (rule.integer && !Number.isInteger(n)) return { value: null, error: `${rule.label} must be a whole number` };
  if (n < rule.min || (rule.max !== undefined && n > rule.max)) {
    return { value: null, error: rule.max !== undefined && rule.max < 1e9 ? `${rule.label} must be between ${rule.min} and ${rule.max}` : `${rule.label} must be at least ${rule.min}` };
  }
  return { value: n };
}

export const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];

const MODEL_ID = /^[^/\s]+\/\S+$/;

/** Whether `text` is written provider/model. */
export const isModelId = (text: string) => MODEL_ID.test(text);

/** The request body, or the errors that keep the form from being sent. */
export function toRunCreate(form: RunForm): { body: RunCreate } | { errors: FormErrors } {
  const benchmark = form.benchmark.trim();
  const model = form.model.trim();
  const errors: FormErrors = {};
  if (!benchmark) errors.benchmark = 'Choose a benchmark';
  if (!model) errors.model = 'Choose a model or type provider/model';
  else if (!MODEL_ID.test(model)) errors.model = 'A model is written provider/model, e.g. openai/gpt-4o';
  const options = toRunOptions(form);
  if ('errors' in options) return { errors: { ...errors, ...options.errors } };
  return Object.keys(errors).length ? { errors } : { body: { benchmark, model, ...options.body } };
}

/** The run options of the form (what a run and a suite share), or the errors in them. */
export function toRunOptions(form: RunForm): { body: RunOptions } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const body: RunOptions = {};
  for (const [field, rule] of Object.entries(NUMBER_RULES) as [keyof RunForm, NumberRule][]) {
    const { value, error } = checkNumber(form[field] as string, rule);
    if (error) errors[field] = error;
    else if (value !== null) (body as unknown as Record<string, number>)[field] = value;
  }
  const grader = form.grader_model.trim();
  if (grader) {
    if (!MODEL_ID.test(grader)) errors.grader_model = 'A grader model is written provider/model';
    else body.grader_model = grader;
  }
  if (form.fail_on_error === 'never') body.fail_on_error = false;
  else if (form.fail_on_error === 'fraction' || form.fail_on_error === 'count') {
    const n = Number(form.fail_on_error_value.trim());
    if (form.fail_on_error === 'fraction' && !(form.fail_on_error_value.trim() && n > 0 && n < 1)) {
      errors.fail_on_error_value = 'A fraction is between 0 and 1, e.g. 0.05';
    } else if (form.fail_on_error === 'count' && !(Number.isInteger(n) && n >= 1)) {
      errors.fail_on_error_value = 'A count is a whole number from 1';
    } else body.fail_on_error = n;
  }
  const reducers = form.epochs_reducer.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = reducers.find((r) => !REDUCER.test(r));
  if (unknown) errors.epochs_reducer = `Unknown reducer "${unknown}": use mean, median, mode, max, pass_at_<k>, at_least_<k> or pass_hat_<k>`;
  else if (reducers.length) body.epochs_reducer = reducers;
  if (form.reasoning_effort) body.reasoning_effort = form.reasoning_effort;
  const taskArgs = parseTaskArgs(form.task_args);
  if ('error' in taskArgs) errors.task_args = taskArgs.error;
  else if (Object.keys(taskArgs.args).length) body.task_args = taskArgs.args;
  const tags = parseTags(form.tags);
  if (tags.length) body.tags = tags;
  if (form.notes.trim()) body.notes = form.notes.trim();
  return Object.keys(errors).length ? { errors } : { body };
}

type TaskArgs = NonNullable<RunOptions['task_args']>;

/**
 * Task arguments as the form takes them: one `key=value` per line (as `-T key=value`; key and value trimmed as the
 * CLI trims them, blank lines skipped), or why they cannot be sent. Whether the benchmark takes them is the server's
 * check, the task's own.
 */
export function parseTaskArgs(text: string): { args: TaskArgs } | { error: string } {
  const args: TaskArgs = {};
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!key) return { error: `Line ${index + 1}: write it as key=value` };
    if (Object.hasOwn(args, key)) return { error: `${key} is given twice` };
    args[key] = line.slice(eq + 1).trim();
  }
  return { args };
}

/** Task arguments as `key=value` texts, in their stored order. */
export const taskArgLines = (args: TaskArgs | null | undefined): string[] => Object.entries(args ?? {}).map(([key, value]) => `${key}=${value}`);

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** The form filled from an earlier run's stored config, tags and notes. */
export function formFromRun(run: Pick<RunDetail, 'config' | 'tags' | 'notes'>): RunForm {
  const c = run.config;
  const foe = c.fail_on_error;
  return {
    benchmark: c.benchmark,
    model: c.model,
    limit: str(c.limit),
    epochs: str(c.epochs),
    temperature: str(c.temperature),
    top_p: str(c.top_p),
    max_tokens: str(c.max_tokens),
    seed: str(c.seed),
    timeout: str(c.timeout),
    max_connections: str(c.max_connections),
    grader_model: c.grader_model ?? '',
    fail_on_error: foe === false ? 'never' : typeof foe === 'number' ? (foe < 1 ? 'fraction' : 'count') : 'first',
    fail_on_error_value: typeof foe === 'number' ? String(foe) : '',
    epochs_reducer: (c.epochs_reducer ?? []).join(', '),
    reasoning_effort: c.reasoning_effort ?? '',
    task_args: taskArgLines(c.task_args).join('\n'),
    tags: run.tags.join(', '),
    notes: run.notes ?? '',
  };
}
