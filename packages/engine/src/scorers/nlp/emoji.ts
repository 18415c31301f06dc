/** emoji's `is_emoji(string)` (`string in EMOJI_DATA`) for a single character, the only way IFBench calls it. */
import { EMOJI_CODE_POINTS } from './emoji-characters.data';

const EMOJI = new Set(EMOJI_CODE_POINTS.split(' ').map((hex) => String.fromCodePoint(parseInt(hex, 16))));

export function isEmojiChar(char: string): boolean {
  return EMOJI.has(char);
}
