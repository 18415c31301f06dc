/** Message content as the wire protocols need it: the text of a turn, and an inline image's MIME type and bytes. */
import { ProviderError } from './provider.error';
import type { ChatMessage, Content, ContentImage } from './types';

/** A turn's content as parts (a plain string is one text part). */
export function contentParts(content: ChatMessage['content']): Content[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** The text of a turn, its text parts joined as Inspect's `ChatMessage.text` joins them (images left out). */
export function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

/** True when some turn carries an image part. */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => typeof m.content !== 'string' && m.content.some((part) => part.type === 'image'));
}

export interface InlineImage {
  /** e.g. `image/png`. */
  mimeType: string;
  /** The base64 payload as the data URI carries it. */
  base64: string;
}

const DATA_URI = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/**
 * The MIME type and base64 payload of an image part's data URI. Protocols other than OpenAI's take only inline
 * bytes, and the engine never downloads an image URL (openbench inlines every image it sends), so anything else is
 * refused before a request is made.
 */
export function inlineImage(provider: string, image: ContentImage): InlineImage {
  const match = DATA_URI.exec(image.image);
  if (!match) {
    throw new ProviderError({
      kind: 'bad_request',
      provider,
      message: `${provider}: image parts must be base64 data URIs (data:<mime>;base64,...), got ${JSON.stringify(image.image.slice(0, 40))}`,
    });
  }
  return { mimeType: match[1].toLowerCase(), base64: match[2] };
}
