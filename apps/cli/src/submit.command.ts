/**
 * `studio submit`: starts a run on a Studio server through @studio/client, follows its events (progress and log
 * lines to stderr), prints the finished run as JSON on stdout and turns the outcome into an exit code for CI.
 */
import { createStudioClient, ok, type RunDetail, type RunStreamEvent, type StudioClient } from '@studio/client';
import { RUN_EXIT_CODE } from '@studio/contracts';
import type { InterruptHandlers } from './interrupt.handler';
import type { SubmitArgs } from './submit-args.parser';

/** Exit codes of `studio submit` (SUBMIT_USAGE documents them); 2 (bad arguments) is main.ts's. */
export const SUBMIT_EXIT = { passed: 0, error: 1, thresholdMissed: 3, runFailed: 4, canceled: RUN_EXIT_CODE.canceled } as const;

export interface SubmitIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Ctrl-C or SIGTERM: the first cancels the run on the server, a second one ends the process. */
  onInterrupt: (handlers: InterruptHandlers) => void;
}

interface GateResult {
  passed: boolean;
  /** One line per threshold: what was measured against what. */
  lines: string[];
  drop?: { baseline: string; baseline_score: number | null; score: number | null; drop: number; source: 'compare' | 'primary_metric'; ci: [number | null, number | null] | null; mcnemar_p_value: number | null };
}

const score = (run: RunDetail) => (run.primary_metric === null ? 'no score' : `${run.primary_metric_name} ${run.primary_metric.toFixed(4)}`);

function describeEvent(event: RunStreamEvent): string | undefined {
  switch (event.event) {
    case 'status':
      return `status: ${event.data.status}`;
    case 'progress':
      return `progress: ${event.data.percentage.toFixed(0)}% (${event.data.current}/${event.data.total})`;
    case 'log_line':
      return event.data.line;
    case 'failed':
      return `failed: ${event.data.error}`;
    default:
      return undefined;
  }
}

/** The baseline must be a completed run with a score, checked before a new run is spent. */
async function loadBaseline(client: StudioClient, id: string): Promise<RunDetail> {
  const baseline = await ok(client.api.GET('/runs/{run_id}', { params: { path: { run_id: id } } }));
  if (baseline.status !== 'completed') throw new Error(`The baseline run ${id} is ${baseline.status}, not completed`);
  return baseline;
}

/**
 * The drop of the run below the baseline: from the paired comparison of the samples both scored when the server
 * can compute one (`GET /runs/compare`), else from the two primary metrics.
 */
async function maxDropGate(client: StudioClient, run: RunDetail, baseline: RunDetail, maxDrop: number): Promise<GateResult> {
  const compared = await ok(client.api.GET('/runs/compare', { params: { query: { ids: `${baseline.run_id},${run.run_id}` } } }));
  const pair = compared.pairs[0];
  let drop: NonNullable<GateResult['drop']>;
  if (pair && pair.difference !== null) {
    drop = {
      baseline: baseline.run_id,
      baseline_score: pair.accuracy_a,
      score: pair.accuracy_b,
      drop: -pair.difference,
      source: 'compare',
      ci: [pair.difference_ci_lower === null ? null : -pair.difference_ci_upper!, pair.difference_ci_upper === null ? null : -pair.difference_ci_lower!],
      mcnemar_p_value: pair.mcnemar_p_value,
    };
  } else if (run.primary_metric !== null && baseline.primary_metric !== null) {
    drop = { baseline: baseline.run_id, baseline_score: baseline.primary_metric, score: run.primary_metric, drop: baseline.primary_metric - run.primary_metric, source: 'primary_metric', ci: null, mcnemar_p_value: null };
  } else {
    throw new Error(`Cannot compare run ${run.run_id} with the baseline ${baseline.run_id}: ${compared.warnings.join('; ') || 'no shared scored samples and no primary metric'}`);
  }
  const passed = drop.drop <= maxDrop;
  const over = drop.source === 'compare' ? `over ${pair.shared_samples} shared samples, 95% CI of the drop [${drop.ci!.map((v) => (v === null ? '?' : v.toFixed(4))).join(', ')}], McNemar p=${drop.mcnemar_p_value!.toPrecision(3)}` : 'from the primary metrics';
  const lines = [`${passed ? 'passed' : 'FAILED'}: drop ${drop.drop.toFixed(4)} below baseline ${baseline.run_id} (${drop.baseline_score?.toFixed(4)} → ${drop.score?.toFixed(4)}, ${over}) ${passed ? '<=' : '>'} max drop ${maxDrop}`];
  for (const warning of compared.warnings) lines.push(`note: ${warning}`);
  return { passed, lines, drop };
}

export async function runSubmitCommand(args: SubmitArgs, io: SubmitIo): Promise<number> {
  const client = createStudioClient({ baseUrl: args.apiUrl, token: args.token });
  const baseline = args.maxDrop ? await loadBaseline(client, args.maxDrop.baseline) : undefined;
  const { run_id } = await ok(client.api.POST('/runs', { body: args.run }));
  io.stderr(`Started run ${run_id}: ${args.run.benchmark} on ${args.run.model} (${args.apiUrl})\n`);

  const controller = new AbortController();
  io.onInterrupt({
    cancel() {
      io.stderr('Canceling the run on the server (again to stop waiting)...\n');
      void ok(client.api.POST('/runs/{run_id}/cancel', { params: { path: { run_id } } })).catch((error: Error) => io.stderr(`Cancel failed: ${error.message}\n`));
    },
    beforeExit: () => controller.abort(),
  });
  let lastProgress = '';
  const run = await client.waitForRun(run_id, {
    signal: controller.signal,
    onEvent(event) {
      const line = describeEvent(event);
      // Progress is sent far more often than its rounded percentage changes.
      if (!line || (event.event === 'progress' && line === lastProgress)) return;
      if (event.event === 'progress') lastProgress = line;
      io.stderr(`${line}\n`);
    },
  });

  const gate: GateResult = { passed: true, lines: [] };
  if (run.status === 'completed') {
    if (args.minScore !== undefined) {
      const passed = run.primary_metric !== null && run.primary_metric >= args.minScore;
      gate.passed &&= passed;
      gate.lines.push(`${passed ? 'passed' : 'FAILED'}: ${score(run)} ${passed ? '>=' : 'is below'} min score ${args.minScore}`);
    }
    if (args.maxDrop && baseline) {
      const result = await maxDropGate(client, run, baseline, args.maxDrop.drop);
      gate.passed &&= result.passed;
      gate.lines.push(...result.lines);
      gate.drop = result.drop;
    }
  }
  io.stdout(`${JSON.stringify({ run_id, status: run.status, benchmark: run.benchmark, model: run.model, primary_metric_name: run.primary_metric_name, primary_metric: run.primary_metric, metrics: run.metrics, error: run.error, gate: { passed: gate.passed, drop: gate.drop } }, null, 2)}\n`);
  io.stderr(`Run ${run_id} ${run.status}${run.status === 'completed' ? `: ${score(run)}` : run.error ? `: ${run.error}` : ''}\n`);
  for (const line of gate.lines) io.stderr(`${line}\n`);
  if (run.status === 'failed') return SUBMIT_EXIT.runFailed;
  if (run.status === 'canceled') return SUBMIT_EXIT.canceled;
  return gate.passed ? SUBMIT_EXIT.passed : SUBMIT_EXIT.thresholdMissed;
}
