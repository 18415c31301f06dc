/**
 * NLTK's `PorterStemmer()` in its default NLTK_EXTENSIONS mode (nltk/stem/porter.py, unchanged from 3.8 to 3.9.1),
 * which METEOR uses for its stem stage. Ported step by step, quirks included (the irregular-form pool is looked up
 * with the word before lowercasing; the length guard reads the original word).
 *
 * Python indexes strings by code point, JS by UTF-16 unit: the helpers that index or measure work on code-point
 * arrays so a word with an astral character (emoji) stems as it does in Python.
 */

const IRREGULAR_FORMS: Record<string, string[]> = {
  sky: ['sky', 'skies'],
  die: ['dying'],
  lie: ['lying'],
  tie: ['tying'],
  news: ['news'],
  inning: ['innings', 'inning'],
  outing: ['outings', 'outing'],
  canning: ['cannings', 'canning'],
  howe: ['howe'],
  proceed: ['proceed'],
  exceed: ['exceed'],
  succeed: ['succeed'],
};

const POOL = new Map<string, string>();
for (const [key, forms] of Object.entries(IRREGULAR_FORMS)) for (const form of forms) POOL.set(form, key);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

type Condition = ((stem: string) => boolean) | null;
type Rule = [suffix: string, replacement: string, condition: Condition];

const chars = (word: string): string[] => Array.from(word);

function isConsonantAt(cps: string[], i: number): boolean {
  if (VOWELS.has(cps[i])) return false;
  if (cps[i] === 'y') return i === 0 ? true : !isConsonantAt(cps, i - 1);
  return true;
}

function measure(stem: string): number {
  const cps = chars(stem);
  let sequence = '';
  for (let i = 0; i < cps.length; i++) sequence += isConsonantAt(cps, i) ? 'c' : 'v';
  return sequence.split('vc').length - 1;
}

const hasPositiveMeasure = (stem: string): boolean => measure(stem) > 0;

function containsVowel(stem: string): boolean {
  const cps = chars(stem);
  for (let i = 0; i < cps.length; i++) if (!isConsonantAt(cps, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const cps = chars(word);
  const n = cps.length;
  return n >= 2 && cps[n - 1] === cps[n - 2] && isConsonantAt(cps, n - 1);
}

function endsCvc(word: string): boolean {
  const cps = chars(word);
  const n = cps.length;
  return (
    (n >= 3 &&
      isConsonantAt(cps, n - 3) &&
      !isConsonantAt(cps, n - 2) &&
      isConsonantAt(cps, n - 1) &&
      !['w', 'x', 'y'].includes(cps[n - 1])) ||
    (n === 2 && !isConsonantAt(cps, 0) && isConsonantAt(cps, 1))
  );
}

/** Every suffix is ASCII, so UTF-16 slicing removes exactly its code points. */
const withoutSuffix = (word: string, suffix: string): string => (suffix === '' ? word : word.slice(0, -suffix.length));

function applyRuleList(word: string, rules: Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = chars(word).slice(0, -2).join('');
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = withoutSuffix(word, suffix);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  if (word.endsWith('ies') && chars(word).length === 4) return withoutSuffix(word, 'ies') + 'ie';
  return applyRuleList(word, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return withoutSuffix(word, 'ied') + (chars(word).length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = withoutSuffix(word, 'eed');
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  let intermediate: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = withoutSuffix(word, suffix);
      if (containsVowel(candidate)) {
        intermediate = candidate;
        break;
      }
    }
  }
  if (intermediate === null) return word;
  // Non-empty: it contains a vowel.
  const last = chars(intermediate).at(-1) as string;
  return applyRuleList(intermediate, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => !['l', 's', 'z'].includes(last)],
    ['', 'e', (stem) => measure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  return applyRuleList(word, [
    [
      'y',
      'i',
      (stem) => {
        const cps = chars(stem);
        return cps.length > 1 && isConsonantAt(cps, cps.length - 1);
      },
    ],
  ]);
}

function step2(word: string): string {
  if (word.endsWith('alli') && hasPositiveMeasure(withoutSuffix(word, 'alli'))) {
    return step2(withoutSuffix(word, 'alli') + 'al');
  }
  const m = hasPositiveMeasure;
  return applyRuleList(word, [
    ['ational', 'ate', m],
    ['tional', 'tion', m],
    ['enci', 'ence', m],
    ['anci', 'ance', m],
    ['izer', 'ize', m],
    ['bli', 'ble', m],
    ['alli', 'al', m],
    ['entli', 'ent', m],
    ['eli', 'e', m],
    ['ousli', 'ous', m],
    ['ization', 'ize', m],
    ['ation', 'ate', m],
    ['ator', 'ate', m],
    ['alism', 'al', m],
    ['iveness', 'ive', m],
    ['fulness', 'ful', m],
    ['ousness', 'ous', m],
    ['aliti', 'al', m],
    ['iviti', 'ive', m],
    ['biliti', 'ble', m],
    ['fulli', 'ful', m],
    // NLTK measures word[:-3] here, not the stem without "logi".
    ['logi', 'log', () => hasPositiveMeasure(chars(word).slice(0, -3).join(''))],
  ]);
}

function step3(word: string): string {
  const m = hasPositiveMeasure;
  return applyRuleList(word, [
    ['icate', 'ic', m],
    ['ative', '', m],
    ['alize', 'al', m],
    ['iciti', 'ic', m],
    ['ical', 'ic', m],
    ['ful', '', m],
    ['ness', '', m],
  ]);
}

function step4(word: string): string {
  const gt1 = (stem: string): boolean => measure(stem) > 1;
  return applyRuleList(word, [
    ['al', '', gt1],
    ['ance', '', gt1],
    ['ence', '', gt1],
    ['er', '', gt1],
    ['ic', '', gt1],
    ['able', '', gt1],
    ['ible', '', gt1],
    ['ant', '', gt1],
    ['ement', '', gt1],
    ['ment', '', gt1],
    ['ent', '', gt1],
    ['ion', '', (stem) => measure(stem) > 1 && ['s', 't'].includes(chars(stem).at(-1) as string)],
    ['ou', '', gt1],
    ['ism', '', gt1],
    ['ate', '', gt1],
    ['iti', '', gt1],
    ['ous', '', gt1],
    ['ive', '', gt1],
    ['ize', '', gt1],
  ]);
}

function step5a(word: string): string {
  if (word.endsWith('e')) {
    const stem = withoutSuffix(word, 'e');
    if (measure(stem) > 1) return stem;
    if (measure(stem) === 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

function step5b(word: string): string {
  return applyRuleList(word, [['ll', 'l', () => measure(chars(word).slice(0, -1).join('')) > 1]]);
}

/** `PorterStemmer().stem(word)` (to_lowercase=True). */
export function porterStem(word: string): string {
  let stem = word.toLowerCase();
  if (POOL.has(word)) return POOL.get(stem) as string;
  if (chars(word).length <= 2) return stem;
  stem = step1a(stem);
  stem = step1b(stem);
  stem = step1c(stem);
  stem = step2(stem);
  stem = step3(stem);
  stem = step4(stem);
  stem = step5a(stem);
  stem = step5b(stem);
  return stem;
}
