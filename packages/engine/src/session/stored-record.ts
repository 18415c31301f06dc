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
  const imageInMetadata = Object.values(record.metadata).some(isImageData);
  if (!imageInMetadata && !hasImages(record.messages) && (typeof record.input === 'string' || !hasImages(record.input))) return record;
  return {
    ...record,
    input: typeof record.input === 'string' ? record.input : withoutImageData(record.input),
    messages: withoutImageData(record.messages),
    // A task that carries its image in the metadata (MMStar's `image_uri`) keeps the marker there too.
    metadata: imageInMetadata
      ? Object.fromEntries(Object.entries(record.metadata).map(([key, value]) => [key, isImageData(value) ? IMAGE_DATA_REMOVED : value]))
      : record.metadata,
  };
}

/** A base64 data URI (Inspect's `is_data_uri`, for base64 payloads). */
function isImageData(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('data:') && value.includes(';base64,');
}

function withoutImageData(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) =>
    typeof m.content === 'string' ? m : { ...m, content: m.content.map((part) => (part.type === 'image' ? { ...part, image: IMAGE_DATA_REMOVED } : part)) },
  );
}
