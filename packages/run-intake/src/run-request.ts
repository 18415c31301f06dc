/**
 * A run request as `POST /api/runs` takes it (the gateway's `RunCreate`, whose wire checks tsoa applies first), and the
 * one error a request that cannot run gets: the field and why, which the gateway answers as VALIDATION_ERROR and a
 * schedule's tick records as the tick's error.
 */
export interface RunRequest {
  benchmark: string;
  model: string;
  limit?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  timeout?: number | null;
  epochs?: number | null;
  max_connections?: number | null;
  seed?: number | null;
  grader_model?: string | null;
  fail_on_error?: null | number | boolean;
  epochs_reducer?: string[] | null;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  /** openbench `-T key=value`, checked by the benchmark's task. */
  task_args?: Record<string, string> | null;
  tags?: string[];
  notes?: string | null;
}

export class InvalidRunRequest extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidRunRequest';
  }
}
