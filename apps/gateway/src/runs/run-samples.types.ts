/** Wire types of `GET /api/runs/{run_id}/samples`. */
import type { TokenUsage } from '@studio/contracts';
import type { EvalDataScore } from './run.types';

/**
 * `correct`: full credit (score 1); `partial`: some credit (0 < score < 1, e.g. DROP's F1); `incorrect`: no
 * credit; `errored`: the sample failed (after the provider's retries) and has no score.
 */
export type SampleVerdict = 'correct' | 'incorrect' | 'partial' | 'errored';

/** The `verdict` filter: `incorrect` includes partial credit, so the three chips add up to `all`. */
export type SampleVerdictFilter = 'correct' | 'incorrect' | 'errored';

export interface RunSample {
  /** The dataset's sample id. */
  id: string | number;
  epoch: number;
  /** The prompt; a chat input is rendered as its messages' text, one per paragraph. */
  input: string;
  /** Several acceptable targets are joined with `, `. */
  target: string;
  /** The model's final answer text; empty when the sample errored before the model answered. */
  output: string;
  /** The answer the scorer extracted from the output (first scorer). */
  answer: string | null;
  /** The first scorer's score; null for an errored sample. */
  score: EvalDataScore | null;
  verdict: SampleVerdict;
  /** The scorer's explanation. */
  explanation: string | null;
  /** The grader model's reply when the first scorer is model-graded and keeps it (score metadata `grading_response` or `grader_response`); else null. */
  grader_response: string | null;
  /** Why the sample failed; null when it did not. */
  error: string | null;
  /** Tokens of the sample's model calls (the model under test and any grader); null when none were counted. */
  usage: TokenUsage | null;
}

/** Samples matching the search (whatever their verdict), by verdict: the numbers of the filter chips. */
export interface SampleVerdictCounts {
  all: number;
  /** Full credit. */
  correct: number;
  /** Scored without full credit (partial credit included). */
  incorrect: number;
  errored: number;
}

export interface RunSamplesResponse {
  samples: RunSample[];
  /** Samples matching every filter (the verdict included), over all pages. */
  total: number;
  page: number;
  per_page: number;
  /** `page * per_page < total`. */
  has_more: boolean;
  counts: SampleVerdictCounts;
}
