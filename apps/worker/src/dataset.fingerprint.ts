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

/** The last plan fingerprinted, per its first sample: a worker fingerprints the same plans of one parsed dataset again and again. */
const lastPlans = new WeakMap<Sample, { items: WorkItem[]; fingerprint: string }>();

/** The same samples (the same objects: parsed samples are never changed) and epochs in the same order. */
function samePlan(a: readonly WorkItem[], b: readonly WorkItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].sample !== b[i].sample || a[i].epoch !== b[i].epoch) return false;
  return true;
}

/**
 * What a run evaluates, as a sha256 over its planned items in plan order: each (sample id, epoch) with the
 * sample's input, choices, target and metadata, as the JSON array `[id, epoch, input, choices, target, metadata]`
 * (the value runs stored by earlier versions hold). Deterministic and cheap next to the run itself, so a resumed
 * attempt that reads a dataset file changed since the first one (a moved refs/convert/parquet, a re-uploaded
 * file) tells it apart, instead of mixing stored results of one version with new ones of another. A plan of the
 * same sample objects as the last one answers its fingerprint without hashing again.
 */
export function datasetFingerprint(plan: readonly WorkItem[]): string {
  const first = plan[0]?.sample;
  const last = first && lastPlans.get(first);
  if (last && samePlan(last.items, plan)) return last.fingerprint;
  const hash = createHash('sha256');
  for (const { sample, epoch } of plan) {
    hash.update(`[${JSON.stringify(String(sample.id))},${JSON.stringify(epoch)},${sampleContent(sample)}\n`);
  }
  const fingerprint = hash.digest('hex');
  if (first) lastPlans.set(first, { items: plan.map(({ sample, epoch }) => ({ sample, epoch })), fingerprint });
  return fingerprint;
}
