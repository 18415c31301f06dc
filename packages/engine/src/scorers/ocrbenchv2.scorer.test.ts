import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOcrbenchv2Scorer, evaluateByCategory, OCRBENCHV2_CAPABILITIES } from './ocrbenchv2.scorer';
import { pyStrip } from './python-text.util';

// Upstream's own `evaluate_by_category` run with CPython 3.11 by test/vectors/ocrbenchv2/generate-vectors.py: the
// categories scored by rules, those scored by the OCR metric (NLTK 3.8's BLEU and METEOR with WordNet 3.0), and the
// table/chart/document ones (lxml on libxml2 2.14.6 and APTED, the OCR metric where TEDS is 0).
interface Vector {
  category: string;
  prediction: string;
  answers: string[];
  question?: string;
  score?: number;
  error?: string;
}
const VECTORS = join(__dirname, '../../test/vectors/ocrbenchv2');
const vectors = (file: string) =>
  readFileSync(join(VECTORS, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Vector);

describe.each([['rule-scores.jsonl'], ['ocr-scores.jsonl'], ['table-scores.jsonl']])('ocrbenchv2 evaluations match upstream (%s)', (file) => {
  test.each(vectors(file).map((v, i) => [i, v.category, v] as const))('#%i %s', (_i, _category, v) => {
    const run = () => evaluateByCategory(v.category, pyStrip(v.prediction), v.answers, v.question ?? '');
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
    // As an essay ("简答") the same answer is scored by the OCR metric, below 1 for any difference from the answer.
    expect(evaluateByCategory('handwritten answer extraction cn', 'A C', ['AC'], '简答题')).toBeLessThan(1);
    expect(evaluateByCategory('handwritten answer extraction cn', 'A C', ['AC'], '选择题')).toBe(1);
  });
});
