/**
 * NLTK's `PerceptronTagger.tag` (nltk/tag/perceptron.py) for the first token of a token list, which is all IFBench's
 * `words:start_verb` reads (`nltk.pos_tag(tokens)[0][1]`). The first token's tag depends only on the first three
 * tokens and the fixed start context, so the model data keeps just the features that can fire there
 * (perceptron-tagger-english.data.ts).
 */
import { pyIsDigit, pyLower } from '../python-text.util';

interface Model {
  classes: readonly string[];
  tagdict: Map<string, string>;
  weights: Map<string, [string, number][]>;
}

let model: Model | undefined;

/** Loads and parses the model text once, on first use (it is large: ≈ 25 ms to load, and most benchmarks never tag). */
function loadModel(): Model {
  if (model) return model;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PERCEPTRON_CLASSES, PERCEPTRON_TAGDICT, PERCEPTRON_WEIGHTS } = require('./perceptron-tagger-english.data') as typeof import('./perceptron-tagger-english.data');
  const tagdict = new Map(PERCEPTRON_TAGDICT.split('\n').map((line) => line.split('\t') as [string, string]));
  const weights = new Map<string, [string, number][]>();
  for (const line of PERCEPTRON_WEIGHTS.split('\n')) {
    const [feature, pairs] = line.split('\t');
    const parts = pairs.split(' ');
    const entries: [string, number][] = [];
    for (let i = 0; i < parts.length; i += 2) entries.push([parts[i], Number(parts[i + 1])]);
    weights.set(feature, entries);
  }
  model = { classes: PERCEPTRON_CLASSES, tagdict, weights };
  return model;
}

/** `PerceptronTagger.normalize`. */
function normalize(word: string): string {
  const chars = Array.from(word);
  if (word.includes('-') && chars[0] !== '-') return '!HYPHEN';
  if (pyIsDigit(word) && chars.length === 4) return '!YEAR';
  if (chars.length > 0 && pyIsDigit(chars[0])) return '!DIGITS';
  return pyLower(word);
}

/** Python `s[-3:]` on code points. */
const lastThree = (text: string) => Array.from(text).slice(-3).join('');

/** `PerceptronTagger._get_features(0, …)` with `prev, prev2 = START`: the feature names in insertion order. */
function firstTokenFeatures(tokens: string[]): string[] {
  const START = ['-START-', '-START2-'];
  const context = [...START, ...tokens.slice(0, 3).map(normalize), '-END-', '-END2-'];
  const word = tokens[0];
  const [prev, prev2] = START;
  const i = START.length;
  return [
    'bias',
    `i suffix ${lastThree(word)}`,
    `i pref1 ${Array.from(word)[0] ?? ''}`,
    `i-1 tag ${prev}`,
    `i-2 tag ${prev2}`,
    `i tag+i-2 tag ${prev} ${prev2}`,
    `i word ${context[i]}`,
    `i-1 tag+i word ${prev} ${context[i]}`,
    `i-1 word ${context[i - 1]}`,
    `i-1 suffix ${lastThree(context[i - 1])}`,
    `i-2 word ${context[i - 2]}`,
    `i+1 word ${context[i + 1]}`,
    `i+1 suffix ${lastThree(context[i + 1])}`,
    `i+2 word ${context[i + 2]}`,
  ];
}

/** `nltk.pos_tag(tokens)[0][1]`: the tag dictionary's tag, else the averaged perceptron's best class. */
export function firstTokenTag(tokens: string[]): string {
  if (tokens.length === 0) throw new Error('firstTokenTag needs at least one token');
  const { classes, tagdict, weights } = loadModel();
  const known = tagdict.get(tokens[0]);
  if (known) return known;
  // AveragedPerceptron.predict: scores summed feature by feature in insertion order, as Python's floats.
  const scores = new Map<string, number>();
  for (const feature of firstTokenFeatures(tokens)) {
    for (const [label, weight] of weights.get(feature) ?? []) scores.set(label, (scores.get(label) ?? 0) + weight);
  }
  // max(classes, key=lambda label: (scores[label], label)): ties go to the greater label.
  let best = classes[0];
  for (const label of classes) {
    const [score, bestScore] = [scores.get(label) ?? 0, scores.get(best) ?? 0];
    if (score > bestScore || (score === bestScore && label > best)) best = label;
  }
  return best;
}
