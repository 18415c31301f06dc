import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'canceled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'canceled'];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** A finished run's `exit_code`, as openbench's CLI exits: 130 is 128 + SIGINT, what shells report for Ctrl-C. */
export const RUN_EXIT_CODE = { completed: 0, failed: 1, canceled: 130 } as const;
/** The `error` of a canceled run. */
export const RUN_CANCELED_MESSAGE = 'Run was canceled';

/** openbench `--reasoning-effort`: how hard a reasoning model thinks (mapped per provider as Inspect does). */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Run configuration as accepted by `POST /api/runs` and stored with the run. */
export const RunConfigSchema = z.object({
  schema_version: z.literal(1).default(1),
  benchmark: z.string(),
  model: z.string(),
  limit: z.number().int().nullable().default(null),
  temperature: z.number().nullable().default(null),
  top_p: z.number().nullable().default(null),
  max_tokens: z.number().int().nullable().default(null),
  timeout: z.number().int().nullable().default(null),
  epochs: z.number().int().nullable().default(null),
  max_connections: z.number().int().nullable().default(null),
  seed: z.number().int().nullable().default(null),
  grader_model: z.string().nullable().default(null),
  /**
   * openbench `--fail-on-error`: when samples that still fail after the provider's retries fail the run. true on
   * the first one, false never, a number below 1 once that fraction of the planned samples failed, 1 or more once
   * that many did. Absent or null: true, openbench's default (and all that configs stored before it knew).
   */
  fail_on_error: z.union([z.boolean(), z.number().min(0)]).nullable().optional(),
  /**
   * openbench `--epochs-reducer`: how a sample's epochs reduce to one score (`mean`, `median`, `mode`, `max`,
   * `pass_at_<k>`, `at_least_<k>`, `pass_hat_<k>` expanded to `pass_hat_1..k`). Absent or null: the task's own.
   */
  epochs_reducer: z.array(z.string()).min(1).nullable().optional(),
  reasoning_effort: z.enum(REASONING_EFFORTS).nullable().optional(),
  /**
   * openbench `-T key=value`: the task's own arguments (e.g. `split`, `num_examples`), as strings, which the task
   * parses. Absent or null: none, the task's defaults (all that configs stored before it knew).
   */
  task_args: z.record(z.string(), z.string()).nullable().optional(),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;
