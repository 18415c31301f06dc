/**
 * openbench's `smt_scorer` (`scorers/smt.py`) and `otis_mock_aime_scorer` (`scorers/mockaime.py`): the grader reads
 * the whole solution and the correct answer and says CORRECT or INCORRECT.
 */
import type { Scorer } from '../types';
import { askGrader } from './grader.util';
import { pyFormat, pyStrip } from './python-text.util';
import { targetText } from './target.util';

/** `SMT_GRADER_PROMPT` after its `.strip()`. Fields: `{response}`, `{correct_answer}`. */
export const SMT_GRADER_PROMPT = `You are a mathematics expert tasked with grading Stanford Math Tournament solutions. You will be given:

A student's complete solution with their reasoning
The correct answer

Grade the student solution as either CORRECT or INCORRECT, based on whether the student's final answer matches the correct answer.
Only respond with a single word: either "CORRECT" or "INCORRECT".

Student Solution:
{response}

Correct Answer:
{correct_answer}

Grade (CORRECT/INCORRECT):`;

/** `MOCK_AIME_GRADER_PROMPT` (`utils/text.py`), not stripped upstream. Fields: `{response}`, `{correct_solution}`. */
export const MOCK_AIME_GRADER_PROMPT = `
You are a mathematics expert tasked with grading AIME solutions. You will be given:

A student's complete solution with their reasoning
The correct solution
Grade the student solution as either CORRECT or INCORRECT, based only on the student's final answer.
Only respond with a single word: either "CORRECT" or "INCORRECT".

Student Solution:
{response}

Correct Solution:
{correct_solution}

Grade (CORRECT/INCORRECT):
`;

/** A CORRECT/INCORRECT grader; `answerField` is the template's name for the target. */
function correctIncorrectScorer(name: string, template: string, answerField: string): Scorer {
  return {
    name,
    async score(ctx) {
      const prompt = pyFormat(template, { response: ctx.completion, [answerField]: targetText(ctx.sample.target) });
      const gradingText = pyStrip(await askGrader(ctx, name, prompt)).toUpperCase();
      // Only an explicit CORRECT counts; "INCORRECT" contains "CORRECT", hence the second test.
      const isCorrect = gradingText.includes('CORRECT') && !gradingText.includes('INCORRECT');
      return { value: isCorrect ? 1.0 : 0.0, answer: ctx.completion, explanation: `Grader response: ${gradingText}` };
    },
  };
}

export const createSmtScorer = (): Scorer => correctIncorrectScorer('smt_scorer', SMT_GRADER_PROMPT, 'correct_answer');
export const createOtisMockAimeScorer = (): Scorer =>
  correctIncorrectScorer('otis_mock_aime_scorer', MOCK_AIME_GRADER_PROMPT, 'correct_solution');
