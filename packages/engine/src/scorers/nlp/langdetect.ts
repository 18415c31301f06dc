/**
 * Python langdetect 1.0.9 (`langdetect.detect`, Nakatani Shuyo's language-detection), which openbench's IFEval
 * checkers call. The language profiles and the normalisation tables are read from the installed Python package
 * (Debian's python3-langdetect; see docs/sandbox.md "What a worker host needs"), so they are the ones Python uses.
 *
 * Upstream seeds its random walk from the OS on every call (openbench never sets `DetectorFactory.seed`), so its
 * answer for a borderline text can change from call to call. This port always uses seed 0, i.e. it answers exactly
 * what Python langdetect answers with `DetectorFactory.seed = 0` (CPython's Mersenne Twister, `gauss` and `choice`
 * reproduced; the libm `cos`/`sin`/`log` of V8 and glibc may differ in a last bit, which moves the random walk's
 * alpha by ~1e-17).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PythonRandom } from '../../tasks/shared/python-random.util';
import { pyIsUpper } from '../python-text.util';

/** Where Debian's python3-langdetect installs the package. */
export const DEFAULT_LANGDETECT_DIR = '/usr/lib/python3/dist-packages/langdetect';

let langdetectDir = DEFAULT_LANGDETECT_DIR;

/** Points the detector at another copy of the Python package (its `profiles/` and `utils/messages.properties`). */
export function setLangdetectDir(dir: string): void {
  langdetectDir = dir;
  model = undefined;
}

const ALPHA_DEFAULT = 0.5;
const ALPHA_WIDTH = 0.05;
const ITERATION_LIMIT = 1000;
const PROB_THRESHOLD = 0.1;
const CONV_THRESHOLD = 0.99999;
const BASE_FREQ = 10000;
const N_TRIAL = 7;
const MAX_TEXT_LENGTH = 10000;
const N_GRAM = 3;
const SEED = 0;

const URL_RE = /https?:\/\/[-_.?&~;+=/#0-9A-Za-z]{1,2076}/g;
const MAIL_RE = /[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}/g;

interface Model {
  langlist: string[];
  wordLangProbMap: Map<string, Float64Array>;
  latin1Excluded: string;
  cjkMap: Map<string, string>;
  viAlphabet: string;
  viMarks: string;
  viNormalized: string[];
  viPattern: RegExp;
}

let model: Model | undefined;

/** `messages.properties`: `key=value` lines whose values use `\uXXXX` escapes. */
function readMessages(dir: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'utils', 'messages.properties'), 'utf8').split('\n')) {
    const trimmed = line.trim();
    const at = trimmed.indexOf('=');
    if (at < 0) continue;
    messages.set(trimmed.slice(0, at), trimmed.slice(at + 1).replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return messages;
}

function loadModel(): Model {
  const profilesDir = join(langdetectDir, 'profiles');
  let files: string[];
  try {
    files = readdirSync(profilesDir).filter((file) => !file.startsWith('.')).sort();
  } catch {
    throw new Error(`langdetect profiles not found in ${profilesDir}: install Debian's python3-langdetect (or point setLangdetectDir at a copy of the Python package)`);
  }
  const langlist: string[] = [];
  const wordLangProbMap = new Map<string, Float64Array>();
  files.forEach((file, index) => {
    const profile = JSON.parse(readFileSync(join(profilesDir, file), 'utf8')) as { name: string; freq: Record<string, number>; n_words: number[] };
    langlist.push(profile.name);
    for (const [word, count] of Object.entries(profile.freq)) {
      let probs = wordLangProbMap.get(word);
      if (!probs) wordLangProbMap.set(word, (probs = new Float64Array(files.length)));
      const length = [...word].length;
      if (length >= 1 && length <= 3) probs[index] = (1.0 * count) / profile.n_words[length - 1];
    }
  });
  const messages = readMessages(langdetectDir);
  const get = (key: string) => messages.get(key) ?? `!${key}!`;
  const cjkMap = new Map<string, string>();
  for (const [key, value] of messages) {
    if (!key.startsWith('NGram.KANJI_')) continue;
    const chars = [...value];
    for (const char of chars) cjkMap.set(char, chars[0]);
  }
  const viAlphabet = get('TO_NORMALIZE_VI_CHARS');
  const viMarks = get('DMARK_CLASS');
  return {
    langlist,
    wordLangProbMap,
    latin1Excluded: get('NGram.LATIN1_EXCLUDE'),
    cjkMap,
    viAlphabet,
    viMarks,
    viNormalized: ['0300', '0301', '0303', '0309', '0323'].map((mark) => get(`NORMALIZED_VI_CHARS_${mark}`)),
    viPattern: new RegExp(`([${viAlphabet}])([${viMarks}])`, 'gu'),
  };
}

const inBlock = (code: number, start: number, end: number) => code >= start && code <= end;

/** `NGram.normalize`: the Unicode blocks langdetect folds together. */
function normalizeChar(m: Model, ch: string): string {
  const code = ch.codePointAt(0) as number;
  if (code <= 0x7f) return ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z' ? ' ' : ch;
  if (inBlock(code, 0x80, 0xff)) return m.latin1Excluded.includes(ch) ? ' ' : ch;
  if (inBlock(code, 0x180, 0x24f)) return ch === '\u0219' ? '\u015f' : ch === '\u021b' ? '\u0163' : ch;
  if (inBlock(code, 0x2000, 0x206f)) return ' ';
  if (inBlock(code, 0x600, 0x6ff)) return ch === '\u06cc' ? '\u064a' : ch;
  if (inBlock(code, 0x1e00, 0x1eff)) return code >= 0x1ea0 ? '\u1ec3' : ch;
  if (inBlock(code, 0x3040, 0x309f)) return '\u3042';
  if (inBlock(code, 0x30a0, 0x30ff)) return '\u30a2';
  if (inBlock(code, 0x3100, 0x312f) || inBlock(code, 0x31a0, 0x31bf)) return '\u3105';
  if (inBlock(code, 0x4e00, 0x9fff)) return m.cjkMap.get(ch) ?? ch;
  if (inBlock(code, 0xac00, 0xd7af)) return '\uac00';
  return ch;
}

/** `Detector.append`: URLs and e-mail addresses blanked, Vietnamese normalised, runs of spaces collapsed. */
function appendText(m: Model, raw: string): string[] {
  const text = [...raw.replace(URL_RE, ' ').replace(MAIL_RE, ' ').replace(m.viPattern, (_all, letter: string, mark: string) => {
    return [...m.viNormalized[[...m.viMarks].indexOf(mark)]][[...m.viAlphabet].indexOf(letter)];
  })];
  const kept: string[] = [];
  let previous = '';
  for (let i = 0; i < Math.min(text.length, MAX_TEXT_LENGTH); i += 1) {
    const ch = text[i];
    if (ch !== ' ' || previous !== ' ') kept.push(ch);
    previous = ch;
  }
  return kept;
}

/** `Detector.cleaning_text`: text mostly in a non-Latin script loses its Latin letters. */
function cleaningText(text: string[]): string[] {
  let latin = 0;
  let nonLatin = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch >= 'A' && ch <= 'z') latin += 1;
    else if (code >= 0x300 && !inBlock(code, 0x1e00, 0x1eff)) nonLatin += 1;
  }
  if (latin * 2 < nonLatin) return text.filter((ch) => ch < 'A' || ch > 'z');
  return text;
}

/** `Detector._extract_ngrams` with `NGram.add_char`. */
function extractNgrams(m: Model, text: string[]): string[] {
  const result: string[] = [];
  let grams: string[] = [' '];
  let capitalword = false;
  for (const raw of text) {
    const ch = normalizeChar(m, raw);
    const last = grams[grams.length - 1];
    let added = true;
    if (last === ' ') {
      grams = [' '];
      capitalword = false;
      if (ch === ' ') added = false;
    } else if (grams.length >= N_GRAM) {
      grams = grams.slice(1);
    }
    if (added) {
      grams.push(ch);
      if (pyIsUpper(ch)) {
        if (pyIsUpper(last)) capitalword = true;
      } else {
        capitalword = false;
      }
    }
    if (capitalword) continue;
    for (let n = 1; n <= N_GRAM; n += 1) {
      if (grams.length < n) break;
      const w = grams.slice(-n).join('');
      if (w && w !== ' ' && m.wordLangProbMap.has(w)) result.push(w);
    }
  }
  return result;
}

/** CPython's `random.random()` and `random.gauss()` on top of the shared Mersenne Twister. */
class GaussRandom {
  private readonly mt: PythonRandom;
  private gaussNext: number | null = null;
  constructor(seed: number) {
    this.mt = new PythonRandom(seed);
  }
  random(): number {
    const a = this.mt.getrandbits(32) >>> 5;
    const b = this.mt.getrandbits(32) >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }
  gauss(): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2.0 * Math.log(1.0 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return z;
  }
  choice<T>(items: readonly T[]): T {
    return items[this.mt.randbelow(items.length)];
  }
}

/**
 * `langdetect.detect(text)`: the most probable language code, `'unknown'` when none reaches 0.1, or `null` where
 * Python raises LangDetectException ("No features in text").
 */
export function detectLanguage(text: string): string | null {
  model ??= loadModel();
  const m = model;
  const ngrams = extractNgrams(m, cleaningText(appendText(m, text)));
  if (ngrams.length === 0) return null;
  const langCount = m.langlist.length;
  const langprob = new Float64Array(langCount);
  const random = new GaussRandom(SEED);
  for (let trial = 0; trial < N_TRIAL; trial += 1) {
    const prob = new Array<number>(langCount).fill(1.0 / langCount);
    const alpha = ALPHA_DEFAULT + random.gauss() * ALPHA_WIDTH;
    for (let i = 0; ; i += 1) {
      const probs = m.wordLangProbMap.get(random.choice(ngrams)) as Float64Array;
      const weight = alpha / BASE_FREQ;
      for (let j = 0; j < langCount; j += 1) prob[j] *= weight + probs[j];
      if (i % 5 === 0) {
        let maxp = 0.0;
        let sump = 0.0;
        for (const p of prob) sump += p;
        for (let j = 0; j < langCount; j += 1) {
          const p = prob[j] / sump;
          if (maxp < p) maxp = p;
          prob[j] = p;
        }
        if (maxp > CONV_THRESHOLD || i >= ITERATION_LIMIT) break;
      }
    }
    for (let j = 0; j < langCount; j += 1) langprob[j] += prob[j] / N_TRIAL;
  }
  let best: { lang: string; prob: number } | null = null;
  for (let j = 0; j < langCount; j += 1) {
    // sort(reverse=True) is stable: the first of equal probabilities wins.
    if (langprob[j] > PROB_THRESHOLD && (best === null || langprob[j] > best.prob)) best = { lang: m.langlist[j], prob: langprob[j] };
  }
  return best ? best.lang : 'unknown';
}
