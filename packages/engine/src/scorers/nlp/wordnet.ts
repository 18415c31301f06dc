/**
 * The part of NLTK's WordNet 3.0 reader (nltk/corpus/reader/wordnet.py) that METEOR's synonym stage calls:
 * `wordnet.synsets(word)` over all parts of speech (noun, verb, adjective, adverb, in that order), each through
 * `_morphy` (3.9's single pass: exception list or detachment rules), reduced to
 * the set of lemma names METEOR keeps. The data file holds, per index entry, only the names a lowercased token can
 * equal (see test/vectors/ocr-nlp-generator/mkwordnet.py); SOURCE.md says where WordNet comes from.
 */
import { gunzipSync } from 'node:zlib';

type Pos = 'n' | 'v' | 'a' | 'r';
const POS_LIST: readonly Pos[] = ['n', 'v', 'a', 'r'];

const MORPHOLOGICAL_SUBSTITUTIONS: Record<Pos, ReadonlyArray<[string, string]>> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['ves', 'f'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

interface WordNetData {
  /** Per part of speech: index lemma → numbers of its synsets that have a kept name (may be empty). */
  index: Record<Pos, Map<string, number[]>>;
  exceptions: Record<Pos, Map<string, string[]>>;
  synsetNames: string[][];
}

let data: WordNetData | null = null;

/** Decoded on first use (a few hundred ms), so that importing the scorers stays cheap. */
function wordNetData(): WordNetData {
  if (data) return data;
  // Required here, not imported: the module's text alone costs ≈ 15 ms to load in every process that loads the scorers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WORDNET_SYNONYMS_GZ_BASE64 } = require('./wordnet-synonyms.data') as typeof import('./wordnet-synonyms.data');
  const text = gunzipSync(Buffer.from(WORDNET_SYNONYMS_GZ_BASE64.replace(/\s+/g, ''), 'base64')).toString('utf8');
  const loaded: WordNetData = {
    index: { n: new Map(), v: new Map(), a: new Map(), r: new Map() },
    exceptions: { n: new Map(), v: new Map(), a: new Map(), r: new Map() },
    synsetNames: [],
  };
  let section = '';
  let pos: Pos = 'n';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('@@')) {
      [section, pos] = line.slice(2).split(' ') as [string, Pos];
      continue;
    }
    if (section === 'synsets') {
      loaded.synsetNames.push(line.split(' '));
    } else if (section === 'index') {
      const tab = line.indexOf('\t');
      if (tab < 0) loaded.index[pos].set(line, []);
      else loaded.index[pos].set(line.slice(0, tab), line.slice(tab + 1).split(',').map((hex) => parseInt(hex, 16)));
    } else {
      const [form, ...bases] = line.split(' ');
      loaded.exceptions[pos].set(form, bases);
    }
  }
  data = loaded;
  return data;
}

/**
 * `WordNetCorpusReader._morphy(form, pos)` as of NLTK 3.9 (nltk/nltk#3225): the form itself plus either its
 * exception-list bases or one pass of the detachment rules, kept when in the index. NLTK 3.8 (Debian's) applied the
 * rules again and again until some form was found ("catss" → "cat"); 3.9.1, which openbench locks, does not.
 */
function morphy(form: string, pos: Pos, wn: WordNetData): string[] {
  const index = wn.index[pos];
  const candidates =
    wn.exceptions[pos].get(form) ??
    MORPHOLOGICAL_SUBSTITUTIONS[pos]
      .filter(([old]) => form.endsWith(old))
      .map(([old, repl]) => form.slice(0, form.length - old.length) + repl);
  return [...new Set([form, ...candidates].filter((f) => index.has(f)))];
}

/**
 * The lemma names METEOR collects from `wordnet.synsets(word)`: names without "_", restricted to those equal to
 * their own lowercase form (the only ones a lowercased token can match). A set, as in NLTK, so order is irrelevant.
 */
export function synonymLemmaNames(word: string): Set<string> {
  const wn = wordNetData();
  const lemma = word.toLowerCase();
  const names = new Set<string>();
  for (const pos of POS_LIST) {
    for (const form of morphy(lemma, pos, wn)) {
      for (const synset of wn.index[pos].get(form) as number[]) {
        for (const name of wn.synsetNames[synset]) names.add(name);
      }
    }
  }
  return names;
}
