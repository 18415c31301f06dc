/**
 * `studio submit` arguments: the run options `studio eval` has that the API takes (one parser for both, see
 * eval-args.parser.ts), where to send the run, and the gate that decides the exit code.
 */
import type { components } from '@studio/client';
import { decimal, parseCommandLine, parseRunSettings, RUN_OPTIONS, UsageError } from './eval-args.parser';

export type RunCreate = components['schemas']['RunCreate'];

export interface SubmitArgs {
  /** The API's base URL, `/api` included. */
  apiUrl: string;
  /** `--token`, else STUDIO_TOKEN (main.ts). */
  token?: string;
  run: RunCreate;
  /** Fail (exit 3) when the run's primary metric is below this. */
  minScore?: number;
  /** Fail (exit 3) when the run scores more than this below `baseline` (a completed run's id). */
  maxDrop?: { drop: number; baseline: string };
}

const SUBMIT_OPTIONS = {
  ...RUN_OPTIONS,
  server: { type: 'string' },
  token: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'min-score': { type: 'string' },
  'max-drop': { type: 'string' },
  baseline: { type: 'string' },
} as const;

export const SUBMIT_USAGE = `Usage: studio submit <benchmark> --model provider/model --server URL [--token TOKEN] [options]

Starts a run on a Studio server, streams its progress to stderr, prints the finished run as JSON on stdout and
exits non-zero when the run failed or a threshold is missed: a gate for CI.

Options:
  --server URL                the Studio server (http://host:8000, /api is added when missing)
  --token TOKEN               a bearer token: an access token, or a login's JWT (else STUDIO_TOKEN)
  --model provider/model      model to evaluate (the server needs a key for its provider)
  --min-score X               fail when the run's primary metric is below X
  --max-drop X --baseline ID  fail when the run scores more than X below the completed run ID (the
                              difference of GET /api/runs/compare over the samples both runs scored)
  --tag TAG                   tag the run (repeatable)
  --limit N  --epochs N  --epochs-reducer NAME  --max-connections N  --temperature F  --top-p F
  --max-tokens N  --seed N  --reasoning-effort LEVEL  --timeout S  --model-role grader=MODEL
  -T KEY=VALUE  --fail-on-error X  --no-fail-on-error
                              as for studio eval (studio eval --help)
  -h, --help                  show this help

Exit codes: 0 the run completed and met every threshold, 1 error (server unreachable, bad answer, unusable
baseline), 2 bad arguments, 3 a threshold was missed, 4 the run failed, 130 the run was canceled (Ctrl-C or
SIGTERM cancel it on the server).`;

function apiUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`--server must be a URL such as http://localhost:8000, got "${server}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--server must be an http(s) URL, got "${server}"`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/api') ? path : `${path}/api`}`;
}

/** `null` when help was asked for. */
export function parseSubmitArgs(argv: readonly string[]): SubmitArgs | null {
  const parsed = parseCommandLine(argv, SUBMIT_OPTIONS);
  if (!parsed) return null;
  const { values, benchmark } = parsed;
  const settings = parseRunSettings(benchmark, values);
  if (values.server === undefined) throw new UsageError('--server is required');
  if (settings.model === undefined) throw new UsageError('--model is required');
  const limit = settings.limit;
  if (limit !== undefined && typeof limit !== 'number') throw new UsageError('--limit start,end is not a run option of the API: use --limit N');
  if (settings.timeoutSeconds !== undefined && !Number.isInteger(settings.timeoutSeconds)) throw new UsageError('--timeout must be whole seconds');
  const extraRoles = Object.keys(settings.modelRoles).filter((role) => role !== 'grader');
  if (extraRoles.length) throw new UsageError(`--model-role ${extraRoles[0]} is not a run option of the API (only grader)`);
  if ((values['max-drop'] === undefined) !== (values.baseline === undefined)) throw new UsageError('--max-drop and --baseline go together');
  const maxDrop = values['max-drop'] === undefined ? undefined : decimal('max-drop', values['max-drop']);
  if (maxDrop !== undefined && maxDrop < 0) throw new UsageError('--max-drop must not be negative');
  return {
    apiUrl: apiUrl(values.server),
    token: values.token,
    run: {
      benchmark,
      model: settings.model,
      limit,
      epochs: settings.epochs,
      epochs_reducer: settings.epochsReducer,
      max_connections: settings.maxConnections,
      temperature: settings.config.temperature,
      top_p: settings.config.top_p,
      max_tokens: settings.config.max_tokens,
      seed: settings.config.seed,
      reasoning_effort: settings.config.reasoning_effort,
      timeout: settings.timeoutSeconds,
      grader_model: settings.modelRoles.grader,
      fail_on_error: settings.failOnError,
      // The server checks them as the benchmark's task does (422 naming task_args.<name>).
      task_args: Object.keys(settings.taskArgs).length > 0 ? settings.taskArgs : undefined,
      tags: values.tag,
    },
    minScore: values['min-score'] === undefined ? undefined : decimal('min-score', values['min-score']),
    maxDrop: maxDrop === undefined ? undefined : { drop: maxDrop, baseline: values.baseline! },
  };
}
