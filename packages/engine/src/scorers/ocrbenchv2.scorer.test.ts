import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOcrbenchv2Scorer, evaluateByCategory, OCRBENCHV2_CAPABILITIES } from './ocrbenchv2.scorer';
import { pyStrip } from './python-text.util';

// Upstream's own `evaluate_by_category` on the categories scored by rules (no NLTK, lxml or apted involved), run
// with CPython 3.11 by test/vectors/ocrbenchv2/generate-vectors.py.
interface RuleVector {
  category: string;
  prediction: string;
  answers: string[];
  score?: number;
  error?: string;
}
const VECTORS = join(__dirname, '../../test/vectors/ocrbenchv2');
const ruleVectors = readFileSync(join(VECTORS, 'rule-scores.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as RuleVector);

describe('ocrbenchv2 rule-based evaluations match upstream', () => {
  test.each(ruleVectors.map((v, i) => [i, v.category, v] as const))('#%i %s', (_i, _category, v) => {
    const run = () => evaluateByCategory(v.category, pyStrip(v.prediction), v.answers, '');
    if (v.error !== undefined) expect(run).toThrow(v.error);
    else expect(run()).toBe(v.score);
  });
});

test('every category maps to one of the eight capabilities', () => {
  expect(Object.keys(OCRBENCHV2_CAPABILITIES)).toHaveLength(30);
  expect(new Set(Object.values(OCRBENCHV2_CAPABILITIES))).toEqual(
    new Set(['Recognition', 'Referring', 'Spotting', 'Extraction', 'Parsing', 'Calculation', 'Understanding', 'Reasoning']),
  );
});

describe('the scorer', () => {
  const scorer = createOcrbenchv2Scorer();
  const sample = (type: string, target: string[], question = 'Q?') => ({
    id: 'x_1',
    input: 'Q?',
    target,
    metadata: { dataset_name: 'x', type, question },
  });

  test('strips the completion and explains the capability', async () => {
    const score = await scorer.score({ sample: sample('text counting en', ['8']), completion: '  7 words\n' } as never);
    expect(score).toEqual({
      value: 0.875,
      answer: '7 words',
      explanation: 'Capability: Understanding (Category: text counting en, Dataset: x)',
      metadata: { dataset_name: 'x', category: 'text counting en', capability: 'Understanding', prediction: '7 words', answers: ['8'] },
    });
  });

  test('an error inside an evaluation scores 0 with its message, as upstream catches it', async () => {
    const score = await scorer.score({ sample: sample('key information extraction en', ['[1, 2]']), completion: ' garbage' } as never);
    expect(score).toEqual({
      value: 0,
      answer: ' garbage',
      explanation: "Error: 'list' object has no attribute 'values'",
      metadata: { error: "'list' object has no attribute 'values'", dataset_name: 'x' },
    });
  });

  test('handwritten answers: letters in any listed format, unless the question is an essay ("简答")', async () => {
    const choice = await scorer.score({ sample: sample('handwritten answer extraction cn', ['AC'], '选择题'), completion: 'A; C' } as never);
    expect(choice.value).toBe(1);
    expect(evaluateByCategory('handwritten answer extraction cn', 'AC', ['AC'], '简答题')).not.toBe(1);
  });
});
