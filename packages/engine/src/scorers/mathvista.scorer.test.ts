import { readVectors } from '../../test/vectors/read-vectors';
import type { GenerateResult } from '@studio/providers';
import type { Generator } from '../types';
import {
  createMathvistaScorer,
  extractMathvistaAnswer,
  mathvistaExtractionPrompt,
  mathvistaSafeEqual,
  normalizeMathvistaAnswer,
  pyStrOf,
  type PyValue,
} from './mathvista.scorer';
import { getCloseMatches } from './sequence-matcher.util';

interface MathvistaVector {
  name: string;
  response: string;
  qt: string;
  at: string;
  choices?: string[];
  question?: string;
  precision?: number;
  gold: string;
  extracted?: string;
  extracted_type?: 'str' | 'int' | 'float';
  pred?: string;
  norm_gold?: string;
  correct?: boolean;
  error?: string;
}

const vectors = readVectors<MathvistaVector>('mathvista.jsonl');

/** The stand-in grader the vectors were produced with (see test/vectors/README.md). */
const fakeExtractor = (question: { questionType: string }, response: string) => async () =>
  response.includes('FAIL') ? null : `grader says ${question.questionType}`;

const typeOf = (value: PyValue) => (typeof value === 'string' ? 'str' : typeof value === 'bigint' ? 'int' : 'float');

test.each(vectors.map((row) => [row.name, row] as const))('%s: as openbench extracts, normalises and compares', async (_name, row) => {
  const question = { questionType: row.qt, answerType: row.at, choices: row.choices ?? null, question: row.question ?? '' };
  const run = async () => {
    const extracted = await extractMathvistaAnswer(row.response, question, fakeExtractor(question, row.response));
    const pred = normalizeMathvistaAnswer(extracted, row.at, row.precision ?? null);
    const gold = normalizeMathvistaAnswer(row.gold, row.at, row.precision ?? null);
    return { extracted, pred, gold, correct: mathvistaSafeEqual(pred, gold) };
  };
  if (row.error !== undefined) {
    await expect(run()).rejects.toThrow(new RegExp(`^${row.error}:`));
    return;
  }
  const got = await run();
  expect([pyStrOf(got.extracted), typeOf(got.extracted), pyStrOf(got.pred), pyStrOf(got.gold), got.correct]).toEqual([
    row.extracted,
    row.extracted_type,
    row.pred,
    row.norm_gold,
    row.correct,
  ]);
});

test('safe_equal compares ints and floats by value, then text, then floats within 1e-6 (checked with CPython 3.11)', () => {
  expect(mathvistaSafeEqual(2n, 2.0)).toBe(true);
  expect(mathvistaSafeEqual(2n ** 64n, 2 ** 64)).toBe(true);
  expect(mathvistaSafeEqual('2', 2n)).toBe(true); // str() of both is "2"
  expect(mathvistaSafeEqual('1,000', 1000n)).toBe(true); // float("1000") after the comma is dropped
  expect(mathvistaSafeEqual(Number.NaN, Number.NaN)).toBe(true); // str(nan) == str(nan), though nan != nan
  expect(mathvistaSafeEqual(0.1, 0.1000001)).toBe(true); // within 1e-6
  expect(mathvistaSafeEqual(0.1, 0.100002)).toBe(false);
  expect(mathvistaSafeEqual('abc', 'abd')).toBe(false);
});

test('get_close_matches keeps the best ratio, the larger string on a tie (difflib, checked with CPython 3.11)', () => {
  expect(getCloseMatches('appel', ['ape', 'apple', 'peach', 'puppy'], 1)).toEqual(['apple']);
  expect(getCloseMatches('ab', ['ba', 'ab2', 'ab1'], 3, 0.6)).toEqual(['ab2', 'ab1']);
  expect(getCloseMatches('abcd', ['abce', 'abcf'], 1)).toEqual(['abcf']);
  expect(getCloseMatches('xyz', ['a', 'b'], 1)).toEqual([]);
});

test('the extraction prompt lists the choices only for multiple choice', () => {
  const question = { questionType: 'multi_choice', answerType: 'text', choices: ['red', 'blue'], question: 'Which colour?' };
  expect(mathvistaExtractionPrompt('It is blue-ish', question)).toBe(
    'Please extract the final answer from the following response.\nQuestion type: multi_choice\nAnswer type: text\nChoices: red, blue\n\nQuestion: Which colour?\n\nModel response: It is blue-ish\n\nExtract ONLY the final answer without any explanation.\nFor multiple choice, return the exact choice text.\nFor numbers, return just the number.\nFor text, return just the answer word or phrase.',
  );
  expect(mathvistaExtractionPrompt('x', { ...question, questionType: 'free_form' })).not.toContain('Choices:');
});

test('the scorer asks the grader at temperature 0 with 100 tokens, and keeps the last line when the grader fails', async () => {
  const calls: unknown[] = [];
  let fail = false;
  const grader: Generator = {
    async generate(messages, config) {
      calls.push({ messages, config });
      if (fail) throw new Error('HTTP 500');
      return { completion: '  Circle \n', model: 'grader' } as GenerateResult;
    },
  } as Generator;
  const sample = {
    id: '7',
    input: '',
    target: 'circle',
    metadata: { question_type: 'multi_choice', answer_type: 'text', precision: null, choices: ['square', 'circle'], question: 'Which?' },
  };
  const score = await createMathvistaScorer().score({ sample, completion: 'hmm\nno clue', messages: [], grader });
  expect(score).toEqual({
    value: 1.0,
    answer: 'hmm\nno clue',
    explanation: 'Predicted: circle, Gold: circle',
    metadata: { extracted_answer: 'Circle', normalized_pred: 'circle', normalized_gold: 'circle' },
  });
  expect(calls).toEqual([
    {
      messages: [{ role: 'user', content: [{ type: 'text', text: mathvistaExtractionPrompt('hmm\nno clue', { questionType: 'multi_choice', answerType: 'text', choices: ['square', 'circle'], question: 'Which?' }) }] }],
      config: { temperature: 0.0, max_tokens: 100 },
    },
  ]);
  fail = true;
  const fallback = await createMathvistaScorer().score({ sample, completion: 'hmm\nno clue', messages: [], grader });
  expect([fallback.value, fallback.metadata?.extracted_answer]).toEqual([0.0, 'no clue']);
});
