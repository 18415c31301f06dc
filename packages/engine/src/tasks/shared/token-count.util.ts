/**
 * openbench `get_token_count(text, model="gpt-4o")` (`utils/text.py`): the length of tiktoken's encoding for gpt-4o,
 * o200k_base (js-tiktoken ships the same ranks). The encoder is built once, on first use.
 */
import type { Tiktoken } from 'js-tiktoken' with { 'resolution-mode': 'import' };

let encoder: Tiktoken | undefined;

/** The o200k_base encoder (tiktoken's gpt-4o encoding). */
export function o200kEncoder(): Tiktoken {
  if (!encoder) {
    // js-tiktoken is an ES module package with a CommonJS build (`require` → dist/index.cjs), which this package loads,
    // on first use: its tens of milliseconds of loading would otherwise delay every `studio eval` and worker start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getEncoding } = require('js-tiktoken') as { getEncoding(encoding: 'o200k_base'): Tiktoken };
    encoder = getEncoding('o200k_base');
  }
  return encoder;
}

export function getTokenCount(text: string): number {
  return o200kEncoder().encode(text).length;
}

/**
 * openbench `get_chatml_tok_cnt(chat_messages_str)`: 3, plus for each message 3 and the tokens of each of its values
 * (one more for a `name`). Every value must be a string, as tiktoken's `encode` requires.
 */
export function getChatmlTokenCount(chatMessagesJson: string): number {
  const messages = JSON.parse(chatMessagesJson) as Record<string, unknown>[];
  let total = 3;
  for (const message of messages) {
    total += 3;
    for (const [key, value] of Object.entries(message)) {
      if (typeof value !== 'string') throw new Error(`chat message field "${key}" is not a string`);
      total += getTokenCount(value);
      if (key === 'name') total += 1;
    }
  }
  return total;
}
