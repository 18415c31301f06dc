/**
 * openbench `mmvetv2_capability_metrics()` (`metrics/mmvetv2.py`): accuracy, stderr and std (numpy's population std)
 * over all samples and, with a `<cap>_` prefix, over the samples of each of the seven core capabilities present.
 */
import type { Metric } from '../types';
import { numpyMean, numpyStd } from './statistics.util';

const CORE_CAPABILITIES = ['rec', 'ocr', 'know', 'gen', 'spat', 'math', 'seq'] as const;

function summary(values: readonly number[], prefix: string): Record<string, number> {
  const std = numpyStd(values);
  return { [`${prefix}accuracy`]: numpyMean(values), [`${prefix}stderr`]: std / Math.sqrt(values.length), [`${prefix}std`]: std };
}

export function mmvetv2CapabilityMetrics(): Metric {
  return {
    name: 'mmvetv2_capability_metrics',
    compute(scores) {
      const results: Record<string, number> = scores.length > 0 ? summary(scores.map((s) => s.value), '') : {};
      const byCapability = new Map<string, number[]>();
      for (const { value, sample_metadata } of scores) {
        const capabilities = sample_metadata?.capability ?? [];
        if (!Array.isArray(capabilities)) continue;
        for (const capability of capabilities) {
          if ((CORE_CAPABILITIES as readonly unknown[]).includes(capability)) byCapability.set(capability, [...(byCapability.get(capability) ?? []), value]);
        }
      }
      for (const capability of CORE_CAPABILITIES) {
        const values = byCapability.get(capability);
        if (values) Object.assign(results, summary(values, `${capability}_`));
      }
      return results;
    },
  };
}
