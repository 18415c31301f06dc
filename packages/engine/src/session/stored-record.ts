/**
 * What a stored sample row keeps of a record. Images are left out: a vision benchmark's record would otherwise hold
 * every image of its prompt as base64 (megabytes per row, read back by every samples page and log build), and the
 * dataset file, which the worker keeps in its cache, is where they come from. Each image part stays in place with
 * its data replaced by Inspect's own marker for a removed image (`--no-log-images`), so a log built from stored
 * rows reads as Inspect writes one without images.
 */
import { hasImages, type ChatMessage } from '@studio/providers';
import type { SampleRecord } from '../types';

/** Inspect's `BASE_64_DATA_REMOVED`. */
export const IMAGE_DATA_REMOVED = '<base64-data-removed>';

export function storableRecord(record: SampleRecord): SampleRecord {
  if (!hasImages(record.messages) && (typeof record.input === 'string' || !hasImages(record.input))) return record;
  return { ...record, input: typeof record.input === 'string' ? record.input : withoutImageData(record.input), messages: withoutImageData(record.messages) };
}

function withoutImageData(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) =>
    typeof m.content === 'string' ? m : { ...m, content: m.content.map((part) => (part.type === 'image' ? { ...part, image: IMAGE_DATA_REMOVED } : part)) },
  );
}
