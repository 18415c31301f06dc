/** openbench `ifeval_metrics()` (`metrics/ifeval.py`): prompt- and instruction-level accuracy, strict and loose. */
import type { Metric } from '../types';

/** Mean and the binomial stderr `sqrt(mean * (1 - mean) / n)`. */
function accuracyAndStderr(values: number[]): [number, number] {
  const total = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / total;
  return [mean, values.length > 0 ? Math.sqrt((mean * (1 - mean)) / total) : 0.0];
}

function followList(metadata: Record<string, unknown> | undefined, key: string): boolean[] {
  const list = metadata?.[key];
  // Upstream indexes the metadata directly: a score without it (no instructions) is a KeyError.
  if (!Array.isArray(list)) throw new Error(`ifeval_metrics: score metadata has no ${key}`);
  return list as boolean[];
}

/**
 * `{strict,loose}_{instruction,prompt}_{accuracy,stderr}`, in upstream's key order. A prompt counts when all its
 * instructions are followed; each instruction counts on its own.
 */
export function ifevalMetrics(): Metric {
  return {
    name: 'ifeval_metrics',
    compute(scores) {
      const aggregates = { strict: { instruction: [] as number[], prompt: [] as number[] }, loose: { instruction: [] as number[], prompt: [] as number[] } };
      for (const { score } of scores) {
        for (const [mode, key] of [['strict', 'strict_follow_instruction_list'], ['loose', 'loose_follow_instruction_list']] as const) {
          const follow = followList(score.metadata, key);
          aggregates[mode].instruction.push(...follow.map(Number));
          aggregates[mode].prompt.push(Number(follow.every(Boolean)));
        }
      }
      const result: Record<string, number> = {};
      for (const [mode, levels] of Object.entries(aggregates)) {
        for (const [level, values] of Object.entries(levels)) {
          const [accuracy, stderr] = accuracyAndStderr(values);
          result[`${mode}_${level}_accuracy`] = accuracy;
          result[`${mode}_${level}_stderr`] = stderr;
        }
      }
      return result;
    },
  };
}
