import { createHash } from 'node:crypto';
import type { Sample, WorkItem } from '@studio/engine';

/**
 * Each sample's serialized input, choices, target and metadata: a worker's runs share the samples of a parsed
 * dataset (read-only, new objects when the file changes), so this is computed once per sample and file.
 */
const contentOf = new WeakMap<Sample, string>();

function sampleContent(sample: Sample): string {
  let content = contentOf.get(sample);
  if (content === undefined) {
    // Without the array's opening bracket: the item's id and epoch go first.
    content = JSON.stringify([sample.input, sample.choices ?? null, sample.target, sample.metadata ?? null]).slice(1);
    contentOf.set(sample, content);
  }
  return content;
}

/**
 * What a run evaluates, as a sha256 over its planned items in plan order: each (sample id, epoch) with the
 * sample's input, choices, target and metadata, as the JSON array `[id, epoch, input, choices, target, metadata]`
 * (the value runs stored by earlier versions hold). Deterministic and cheap next to the run itself, so a resumed
 * attempt that reads a dataset file changed since the first one (a moved refs/convert/parquet, a re-uploaded
 * file) tells it apart, instead of mixing stored results of one version with new ones of another.
 */
export function datasetFingerprint(plan: readonly WorkItem[]): string {
  const hash = createHash('sha256');
  for (const { sample, epoch } of plan) {
    hash.update(`[${JSON.stringify(String(sample.id))},${JSON.stringify(epoch)},${sampleContent(sample)}\n`);
  }
  return hash.digest('hex');
}
