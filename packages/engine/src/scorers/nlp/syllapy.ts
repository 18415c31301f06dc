/** syllapy 0.7.2's `count(word)` (syllapy/__init__.py): its dictionary first, then a compound split, then vowel runs. */
import { PY_DIGIT, PY_PUNCTUATION, pyChars, pyLower, pyStrip, stripChars } from '../python-text.util';
import { SYLLAPY_WORDS } from './syllapy-words.data';

let words: Map<string, number> | undefined;

/** `load_dict()`: `csv.reader` over `word,count` rows (no field in the file is quoted). */
function dictionary(): Map<string, number> {
  words ??= new Map(SYLLAPY_WORDS.split('\n').map((line) => {
    const [word, count] = line.split(',');
    return [word, Number(count)];
  }));
  return words;
}

const NUMBERS = new RegExp(PY_DIGIT, 'u');
/** `re.match("([^-]+)-(.+)", word)`: `.` stops at a newline, `[^-]` does not. */
const COMPOUND = /^([^-]+)-([^\n]+)/u;
const VOWELS = 'aeiouy';

export function countSyllables(word: string): number {
  const cleaned = stripChars(pyLower(pyStrip(word)), PY_PUNCTUATION);
  if (!cleaned) return 0;
  if (NUMBERS.test(cleaned)) return 0;
  const known = dictionary().get(cleaned);
  if (known !== undefined) return known;
  const compound = COMPOUND.exec(cleaned);
  if (compound) {
    const first = countSyllables(compound[1]);
    const second = countSyllables(compound[2]);
    return first === 0 || second === 0 ? 0 : first + second;
  }
  return vowelGroups(cleaned);
}

/** `_syllables(word)`. */
function vowelGroups(word: string): number {
  const chars = pyChars(word);
  let count = VOWELS.includes(chars[0]) ? 1 : 0;
  for (let i = 1; i < chars.length; i += 1) if (VOWELS.includes(chars[i]) && !VOWELS.includes(chars[i - 1])) count += 1;
  if (word.endsWith('e')) count -= 1;
  if (word.endsWith('le') && chars.length > 2 && !VOWELS.includes(chars[chars.length - 3])) count += 1;
  if (count === 0) count += 1;
  return count;
}
