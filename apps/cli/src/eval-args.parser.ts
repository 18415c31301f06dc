/**
 * `studio eval` arguments, spelled like `bench eval`'s (openbench `_cli/eval_command.py`) where they
 * apply, parsed with node's `util.parseArgs`. Every mistake is a UsageError (exit code 2), found
 * before any dataset is read or any model is called.
 */
import { expandEpochReducers, type SampleLimit } from '@studio/engine';
import { REASONING_EFFORTS } from '@studio/contracts';
import { DEFAULT_MAX_CONNECTIONS, parseModelId, type GenerateConfig } from '@studio/providers';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export type DisplayMode = 'full' | 'plain' | 'none';

export interface EvalArgs {
  benchmark: string;
  model: string;
  limit?: SampleLimit;
  epochs?: number;
  epochsReducer?: string[];
  maxConnections: number;
  /** Run overrides of the task's generation config (unset fields keep the task's). */
  config: GenerateConfig;
  /** Per-request timeout, seconds. */
  timeoutSeconds: number;
  maxRetries?: number;
  modelBaseUrl?: string;
  /** `--model-role role=provider/model`, e.g. `grader`. */
  modelRoles: Record<string, string>;
  /** `-T key=value`. */
  taskArgs: Record<string, string>;
  failOnError: boolean | number;
  logDir: string;
  logfile?: string;
  display: DisplayMode;
  /** `--offline`; the environment's DATASETS_OFFLINE applies when absent. */
  offline: boolean;
  dataDir?: string;
}

/** openbench's default `--model`. */
export const DEFAULT_MODEL = 'groq/openai/gpt-oss-20b';
/** openbench's `--timeout` default, seconds. */
const DEFAULT_TIMEOUT_SECONDS = 10_000;

export const EVAL_USAGE = `Usage: studio eval <benchmark|group> --model provider/model [options]

Runs an openbench benchmark against a model and writes an Inspect .eval log. An eval group (studio list --groups)
runs each member in turn, one log each, then prints openbench's group summary; as with bench eval, a group's key wins
over a benchmark of the same name (mgsm runs MGSM's 13 members).

Options:
  --model provider/model      model to evaluate (default ${DEFAULT_MODEL})
  --limit N | start,end       first N samples, or the samples [start, end)
  --epochs N                  epochs per sample (default: the benchmark's)
  --epochs-reducer NAME       mean, median, mode, max, pass_at_<k>, at_least_<k>, pass_hat_<k>
                              (repeatable or comma-separated; needs --epochs)
  --max-connections N         samples in flight at once (default ${DEFAULT_MAX_CONNECTIONS})
  --temperature F  --top-p F  --max-tokens N  --seed N
  --reasoning-effort LEVEL    minimal, low, medium or high
  --timeout S                 per-request timeout in seconds (default ${DEFAULT_TIMEOUT_SECONDS})
  --max-retries N             retries of a failed model request
  --model-base-url URL        endpoint of the model (else <PROVIDER>_BASE_URL, else the provider's)
  --model-role ROLE=MODEL     e.g. grader=openai/gpt-4.1-2025-04-14 (repeatable)
  -T KEY=VALUE                task argument, e.g. -T grader_model=... or -T split=train (repeatable)
  --fail-on-error X           fail on the first sample error (default), or tolerate a fraction
                              (0 < X < 1) or a count (X >= 1) of errors
  --no-fail-on-error          never fail the run because of sample errors
  --log-dir DIR               where the .eval log goes (default ./logs)
  --logfile NAME              log file name, without .eval
  --display full|plain|none   progress display (default: a bar on a terminal, lines otherwise)
  --offline                   never download datasets (also DATASETS_OFFLINE=true)
  --data-dir DIR              data directory: datasets are cached in DIR/datasets (default DATA_DIR or ./data)
  --alpha                     accepted for bench compatibility; ignored
  -h, --help                  show this help

API keys come from the provider's variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...); HF_TOKEN is
sent for gated Hugging Face datasets.`;

/** The options of a run that `studio eval` and `studio submit` share. */
export const RUN_OPTIONS = {
  model: { type: 'string' },
  limit: { type: 'string' },
  epochs: { type: 'string' },
  'epochs-reducer': { type: 'string', multiple: true },
  'max-connections': { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  'max-tokens': { type: 'string' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  'reasoning-effort': { type: 'string' },
  'model-role': { type: 'string', multiple: true },
  'fail-on-error': { type: 'string' },
  'no-fail-on-error': { type: 'boolean' },
  T: { type: 'string', short: 'T', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const EVAL_OPTIONS = {
  ...RUN_OPTIONS,
  'max-retries': { type: 'string' },
  'model-base-url': { type: 'string' },
  'log-dir': { type: 'string' },
  logfile: { type: 'string' },
  display: { type: 'string' },
  offline: { type: 'boolean' },
  'data-dir': { type: 'string' },
  alpha: { type: 'boolean' },
} as const;

/** A run's settings from the shared options; what was not given stays undefined (each command has its defaults). */
export interface RunSettingsArgs {
  benchmark: string;
  model?: string;
  limit?: SampleLimit;
  epochs?: number;
  epochsReducer?: string[];
  maxConnections?: number;
  config: GenerateConfig;
  timeoutSeconds?: number;
  modelRoles: Record<string, string>;
  /** `-T key=value`. */
  taskArgs: Record<string, string>;
  failOnError: boolean | number;
}

export function integer(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got "${value}"`);
  return Number(value);
}

export function decimal(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return number;
}

/** `N` or `start,end` (a Python slice, as openbench hands it to Inspect). */
function parseLimit(value: string): SampleLimit {
  const match = /^(\d+)(?:,(\d+))?$/.exec(value.replace(/\s+/g, ''));
  if (!match) throw new UsageError(`--limit must be N or start,end, got "${value}"`);
  if (match[2] === undefined) return Number(match[1]);
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (end < start) throw new UsageError(`--limit end (${end}) is before start (${start})`);
  return [start, end];
}

/** openbench's `--model` check: `provider/model` with both parts non-empty. */
function modelId(flag: string, value: string): string {
  try {
    parseModelId(value);
  } catch {
    throw new UsageError(`Invalid model name format for ${flag}: "${value}". Expected format: provider/model-name`);
  }
  return value;
}

function keyValues(flag: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects key=value, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

function reducers(values: readonly string[]): string[] {
  try {
    return expandEpochReducers(values);
  } catch (error) {
    throw new UsageError(`--epochs-reducer: ${(error as Error).message}`);
  }
}

function failOnError(value: string | undefined, never: boolean | undefined): boolean | number {
  if (never && value !== undefined) throw new UsageError('--fail-on-error and --no-fail-on-error cannot be combined');
  if (never) return false;
  if (value === undefined) return true;
  const number = decimal('fail-on-error', value);
  if (number < 0) throw new UsageError(`--fail-on-error must not be negative, got "${value}"`);
  // openbench turns 0 into True: fail on the first error.
  return number === 0 ? true : number;
}

function display(value: string | undefined, isTTY: boolean): DisplayMode {
  if (value === undefined) return isTTY ? 'full' : 'plain';
  // bench's conversation and rich displays are both a live view; full is ours.
  if (value === 'full' || value === 'conversation' || value === 'rich') return 'full';
  if (value === 'plain' || value === 'none') return value;
  throw new UsageError(`--display must be full, plain or none, got "${value}"`);
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/** `util.parseArgs` with every mistake a UsageError and exactly one positional (the benchmark); `null` for --help. */
export function parseCommandLine<O extends OptionsConfig>(argv: readonly string[], options: O): { values: Parsed<O>['values']; benchmark: string } | null {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) return null;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing benchmark name' : `one benchmark at a time, got ${positionals.join(', ')}`);
  }
  return { values, benchmark: positionals[0] };
}

type RunValues = Parsed<typeof RUN_OPTIONS>['values'];

/** The shared run options, checked. */
export function parseRunSettings(benchmark: string, values: RunValues): RunSettingsArgs {
  const model = values.model === undefined ? undefined : modelId('--model', values.model);
  const modelRoles = keyValues('--model-role', values['model-role'] ?? []);
  for (const [role, roleModel] of Object.entries(modelRoles)) {
    if (role === 'candidate') throw new UsageError('--model-role candidate conflicts with --model');
    modelId(`--model-role ${role}`, roleModel);
  }
  const epochs = values.epochs === undefined ? undefined : integer('epochs', values.epochs, 1);
  if (values['epochs-reducer'] && epochs === undefined) throw new UsageError('--epochs-reducer requires --epochs');
  const effort = values['reasoning-effort'];
  if (effort !== undefined && !(REASONING_EFFORTS as readonly string[]).includes(effort)) {
    throw new UsageError(`--reasoning-effort must be one of ${REASONING_EFFORTS.join(', ')}, got "${effort}"`);
  }
  const timeoutSeconds = values.timeout === undefined ? undefined : decimal('timeout', values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new UsageError('--timeout must be positive');
  return {
    benchmark,
    model,
    limit: values.limit === undefined ? undefined : parseLimit(values.limit),
    epochs,
    epochsReducer: values['epochs-reducer'] ? reducers(values['epochs-reducer']) : undefined,
    maxConnections: values['max-connections'] === undefined ? undefined : integer('max-connections', values['max-connections'], 1),
    config: {
      temperature: values.temperature === undefined ? undefined : decimal('temperature', values.temperature),
      top_p: values['top-p'] === undefined ? undefined : decimal('top-p', values['top-p']),
      max_tokens: values['max-tokens'] === undefined ? undefined : integer('max-tokens', values['max-tokens'], 1),
      seed: values.seed === undefined ? undefined : integer('seed', values.seed, 0),
      reasoning_effort: effort as GenerateConfig['reasoning_effort'],
    },
    timeoutSeconds,
    modelRoles,
    taskArgs: keyValues('-T', values.T ?? []),
    failOnError: failOnError(values['fail-on-error'], values['no-fail-on-error']),
  };
}

/** `null` when help was asked for. */
export function parseEvalArgs(argv: readonly string[], isTTY: boolean): EvalArgs | null {
  const parsed = parseCommandLine(argv, EVAL_OPTIONS);
  if (!parsed) return null;
  const { values, benchmark } = parsed;
  const run = parseRunSettings(benchmark, values);
  if (values.logfile !== undefined && /[/\\]/.test(values.logfile)) throw new UsageError('--logfile is a file name; use --log-dir for the directory');
  return {
    ...run,
    model: run.model ?? DEFAULT_MODEL,
    maxConnections: run.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    timeoutSeconds: run.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    maxRetries: values['max-retries'] === undefined ? undefined : integer('max-retries', values['max-retries'], 0),
    modelBaseUrl: values['model-base-url'],
    logDir: values['log-dir'] ?? './logs',
    logfile: values.logfile,
    display: display(values.display, isTTY),
    offline: values.offline ?? false,
    dataDir: values['data-dir'],
  };
}
