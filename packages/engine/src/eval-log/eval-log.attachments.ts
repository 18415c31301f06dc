/**
 * Inspect's `condense_sample` for images: every base64 image of a sample (in its input, messages and events) is
 * written once, in the sample's `attachments`, and referenced as `attachment://<hash>` where it appeared, so an
 * image is not repeated in each place the conversation is logged. Inspect keys attachments by a MurmurHash3 of the
 * content; any key resolves (readers look the reference up in the map), so ours is the MD5 hex digest.
 */
import { createHash } from 'node:crypto';
import type { EvalSample } from './eval-log.types';

export const ATTACHMENT_PROTOCOL = 'attachment://';

/** Moves the data URIs of the sample's image parts into `sample.attachments`, in place. */
export function condenseImages(sample: EvalSample): void {
  const attachments = sample.attachments;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (node.type === 'image' && typeof node.image === 'string' && node.image.startsWith('data:')) {
      const hash = createHash('md5').update(node.image).digest('hex');
      attachments[hash] = node.image;
      node.image = `${ATTACHMENT_PROTOCOL}${hash}`;
      return;
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(sample.input);
  visit(sample.messages);
  visit(sample.events);
}
