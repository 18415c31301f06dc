/**
 * A stored sample as people read it, taken from the Inspect sample the `.eval` log holds (the engine's
 * record→EvalSample mapping), so eval-data, the samples list and the downloaded log show the same text.
 */
import { valueToFloat, type EvalChatMessage, type EvalSample, type EvalScoreValue } from '@studio/engine';
import type { EvalDataSample } from './run.types';
import type { RunSample, SampleVerdict } from './run-samples.types';

export const targetText = (target: string | string[]) => (Array.isArray(target) ? target.join(', ') : target);
const isScalar = (v: EvalScoreValue): v is string | number | boolean => typeof v !== 'object';

/** A message's text; an image part (stored without its data) shows as `(Image)`, as Inspect's sample summaries show it. */
function messageText(message: EvalChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => (part.type === 'text' ? String(part.text ?? '') : `(${part.type.charAt(0).toUpperCase()}${part.type.slice(1)})`)).join('\n');
}

export function toEvalDataSample(sample: EvalSample): EvalDataSample {
  const [name, score] = Object.entries(sample.scores ?? {})[0] ?? [];
  return {
    id: sample.id,
    epoch: sample.epoch,
    input: typeof sample.input === 'string' ? sample.input : sample.input.map(messageText).join('\n\n'),
    target: targetText(sample.target),
    output: sample.output.completion ?? '',
    score:
      name && score
        ? {
            value: isScalar(score.value) ? valueToFloat(score.value) : null,
            raw: score.value,
            name,
            explanation: score.explanation ?? null,
          }
        : null,
    answer: score?.answer ?? null,
    explanation: score?.explanation ?? null,
    error: sample.error?.message ?? null,
  };
}

/**
 * The verdict of a stored score (`run_samples.score`, value_to_float of the first scorer, null for an errored
 * sample): the same column the verdict filter and counts use, so a sample is always listed under its chip.
 */
export function verdictOf(score: number | null): SampleVerdict {
  if (score === null) return 'errored';
  if (score >= 1) return 'correct';
  return score > 0 ? 'partial' : 'incorrect';
}

/**
 * What the grader model answered, for a model-graded first scorer: openbench's graded scorers keep it in the score's
 * metadata as `grading_response` (simpleqa, browsecomp, …) or `grader_response` (m2s); the others that have one put it in the explanation.
 */
function graderResponse(sample: EvalSample): string | null {
  const first = Object.values(sample.scores ?? {})[0];
  // `grader_response` is the StrongREJECT scorer's name for it (the m2s jailbreak sets).
  const response = first?.metadata?.grading_response ?? first?.metadata?.grader_response;
  return typeof response === 'string' ? response : null;
}

export function toRunSample(sample: EvalSample, storedScore: number | null): RunSample {
  const data = toEvalDataSample(sample);
  const usage = Object.values(sample.model_usage)[0];
  return {
    id: data.id,
    epoch: data.epoch,
    input: data.input,
    target: data.target,
    output: data.output,
    answer: data.answer,
    score: data.score,
    verdict: verdictOf(storedScore),
    explanation: data.explanation,
    grader_response: graderResponse(sample),
    error: data.error,
    usage: usage ? { input_tokens: usage.input_tokens, output_tokens: usage.output_tokens, total_tokens: usage.total_tokens } : null,
  };
}
