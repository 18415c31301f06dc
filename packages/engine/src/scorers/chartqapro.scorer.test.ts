import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../types';
import {
  anlsScore,
  createChartqaproScorer,
  evaluateSingleAnswer,
  extractFinalAnswer,
  fixListFormat,
  levenshteinDistance,
  parseToList,
  relaxedCorrectness,
} from './chartqapro.scorer';
import { pyLiteralEval, pyLiteralStr, PyLiteralError } from '../tasks/shared/python-literal.util';

// Expected values from openbench's own scorers/chartqapro.py run on CPython (test/vectors/chartqapro, generator beside it).
type Outcome<T> = { value: T } | { error: string };
interface Vectors {
  parse_to_list: { input: string; output: Outcome<string[] | null> }[];
  fix_list_format: { input: string; output: Outcome<null> | { value: string | null; str: string; is_text: boolean } }[];
  relaxed_correctness: { target: string; prediction: string; year_flags: unknown[] | null; exact: boolean; output: Outcome<number> }[];
  evaluate_single_answer: { target: string; prediction: string; output: Outcome<number> }[];
  anls_score: { prediction: string; gold: string[]; output: Outcome<number> }[];
  extract_final_answer: { strategy: 'direct' | 'cot'; text: string; output: Outcome<string> }[];
  scorer: { question_type: string; year_flags: unknown[]; target: string; completion: string; value: number; explanation: string }[];
}
const VECTORS = JSON.parse(readFileSync(join(__dirname, '../../test/vectors/chartqapro/chartqapro-vectors.json'), 'utf8')) as Vectors;

/** The value, or the Python exception class name the port raises (`Error` for the scorer's own catch-all). */
function outcome<T>(run: () => T): Outcome<T> {
  try {
    return { value: run() };
  } catch (error) {
    return { error: error instanceof PyLiteralError ? error.pyType : 'AttributeError' };
  }
}

describe('chartqapro scorer pieces against openbench run on CPython', () => {
  test.each(VECTORS.parse_to_list.map((c) => [c.input, c.output]))('parse_to_list(%j)', (input, expected) => {
    expect(outcome(() => parseToList(input))).toEqual(expected);
  });

  test.each(VECTORS.fix_list_format.map((c) => [c.input, c.output]))('fix_list_format(%j)', (input, expected) => {
    const fixed = fixListFormat(input);
    expect({ is_text: typeof fixed === 'string', str: typeof fixed === 'string' ? fixed : pyLiteralStr(fixed) }).toEqual({
      is_text: (expected as { is_text: boolean }).is_text,
      str: (expected as { str: string }).str,
    });
  });

  test.each(VECTORS.relaxed_correctness.map((c) => [c.target, c.prediction, c.year_flags, c.exact, c.output]))(
    'relaxed_correctness(%j, %j, flags %j, exact %j)',
    (target, prediction, yearFlags, exact, expected) => {
      expect(outcome(() => relaxedCorrectness(target, prediction, { maxRelativeChange: 0.05, yearFlags, alwaysUseExactMatch: exact }))).toEqual(expected);
    },
  );

  test.each(VECTORS.evaluate_single_answer.map((c) => [c.target, c.prediction, c.output]))('evaluate_single_answer(%j, %j)', (target, prediction, expected) => {
    expect(outcome(() => evaluateSingleAnswer(target, prediction))).toEqual(expected);
  });

  test.each(VECTORS.anls_score.map((c) => [c.prediction, c.gold, c.output]))('anls_score(%j, %j)', (prediction, gold, expected) => {
    expect(outcome(() => anlsScore(prediction, gold))).toEqual(expected);
  });

  test.each(VECTORS.extract_final_answer.map((c) => [c.strategy, c.text, c.output]))('extract_final_answer(%s, %j)', (strategy, text, expected) => {
    expect(outcome(() => extractFinalAnswer(text, strategy))).toEqual(expected);
  });

  test.each(VECTORS.scorer.map((c) => [c.question_type, c.year_flags, c.target, c.completion, c.value, c.explanation]))(
    'chartqapro_scorer %s flags %j: %j vs %j',
    async (questionType, yearFlags, target, completion, value, explanation) => {
      const sample: Sample = { id: 's', input: '', target, metadata: { question_type: questionType, year_flags: yearFlags, num_questions: 1 } };
      const score = await createChartqaproScorer().score({ sample, completion } as never);
      expect({ value: score.value, explanation: String(score.explanation).startsWith('Error') ? 'Error' : score.explanation }).toEqual({ value, explanation });
    },
  );
});

describe('ported pieces, cases read off the Python', () => {
  it('levenshtein counts code points, as Python indexes a str', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinDistance('😀a', 'a')).toBe(1);
    expect(levenshteinDistance('', 'abc')).toBe(3);
  });

  it('literal_eval: a dict key or set item that is unhashable raises TypeError, \\N{…} is refused (documented)', () => {
    expect(() => pyLiteralEval('{[1]: 2}')).toThrow(expect.objectContaining({ pyType: 'TypeError' }));
    expect(() => pyLiteralEval('{(1, [2])}')).toThrow(expect.objectContaining({ pyType: 'TypeError' }));
    expect(() => pyLiteralEval("'\\N{BULLET}'")).toThrow(expect.objectContaining({ pyType: 'ValueError' }));
    // fix_list_format lets a TypeError through where it returns the text for SyntaxError/ValueError.
    expect(() => fixListFormat("[{[1]: 2}]")).toThrow(expect.objectContaining({ pyType: 'TypeError' }));
  });
});
