/**
 * The part of NLTK's WordNet 3.0 reader (nltk/corpus/reader/wordnet.py) that METEOR's synonym stage calls:
 * `wordnet.synsets(word)` over all parts of speech (noun, verb, adjective, adverb, in that order), each through
 * `_morphy` (exception list, then the detachment rules, applied again until some form is in the index), reduced to
 * the set of lemma names METEOR keeps. The data file holds, per index entry, only the names a lowercased token can
 * equal (see test/vectors/ocr-nlp-generator/mkwordnet.py); SOURCE.md says where WordNet comes from.
 */
import { gunzipSync } from 'node:zlib';
import { WORDNET_SYNONYMS_GZ_BASE64 } from './wordnet-synonyms.data';

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

/** `WordNetCorpusReader._morphy(form, pos)`: the index forms, in NLTK's order. */
function morphy(form: string, pos: Pos, wn: WordNetData): string[] {
  const substitutions = MORPHOLOGICAL_SUBSTITUTIONS[pos];
  const index = wn.index[pos];
  const applyRules = (forms: string[]): string[] =>
    forms.flatMap((f) => substitutions.filter(([old]) => f.endsWith(old)).map(([old, repl]) => f.slice(0, f.length - old.length) + repl));
  const filterForms = (forms: string[]): string[] => [...new Set(forms.filter((f) => index.has(f)))];

  const exception = wn.exceptions[pos].get(form);
  if (exception) return filterForms([form, ...exception]);
  let forms = applyRules([form]);
  const results = filterForms([form, ...forms]);
  if (results.length > 0) return results;
  while (forms.length > 0) {
    forms = applyRules(forms);
    const found = filterForms(forms);
    if (found.length > 0) return found;
  }
  return [];
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
      for (const synset of wn.index[pos].get(form) as number[]) for (const name of wn.synsetNames[synset]) names.add(name);
    }
  }
  return names;
}
