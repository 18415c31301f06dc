/**
 * Inspect's `model_graded_fact` (`inspect_ai/scorer/_model.py`, what openbench's free-answer evals grade with when
 * they take a reference answer): the grader compares the submission with the expert answer and ends with
 * `GRADE: C` or `GRADE: I`. A rubric, when given, comes before Inspect's default instructions.
 */
import type { Scorer } from '../types';
import { askGrader } from './grader.util';
import { pyFormat } from './python-text.util';
import { inputText } from './simpleqa.scorer';
import { targetText } from './target.util';

/** Inspect `DEFAULT_MODEL_GRADED_FACT_TEMPLATE`, verbatim (it starts and ends with a newline). */
export const MODEL_GRADED_FACT_TEMPLATE = `
You are comparing a submitted answer to an expert answer on a given question. Here is the data:

[BEGIN DATA]
************
[Question]: {question}
************
[Expert]: {criterion}
************
[Submission]: {answer}
************
[END DATA]

Compare the factual content of the submitted answer with the expert answer. Ignore any differences in style, grammar, or punctuation.

Does the submission contain the content in the expert answer?

{instructions}
`;

/** Inspect `default_instructions(partial_credit=False)`, verbatim. */
export const MODEL_GRADED_DEFAULT_INSTRUCTIONS = `
After assessing the submitted answer, reply with 'GRADE: $LETTER' (without quotes) where LETTER is one of CI.  Please choose ONE option for the grade: either "C" for correct answers, or "I" for incorrect answers.

For example, after reviewing a correct answer you might write 'GRADE: C' or after reviewing an incorrect answer you might write 'GRADE: I'.

First, write out in a step by step manner your reasoning about the criterion to be sure that your conclusion is correct. Avoid simply stating the correct answers at the outset. Then, end with your answer formatted as 'GRADE: $LETTER' (without quotes) where LETTER is one of CI.
`;

/**
 * Inspect `DEFAULT_GRADE_PATTERN` `(?i)GRADE\s*:\s*([CPI])(.*)$` under Python's `re.search`: without MULTILINE,
 * `$` matches at the end or before a final newline, and `.` stops at `\n` only.
 */
const GRADE_PATTERN = /GRADE\s*:\s*([CPI])([^\n]*)\n?$/i;

/** The grader's grade letter as Inspect's `match.group(1)` (case kept), or undefined when there is none. */
export function extractGrade(response: string): string | undefined {
  return GRADE_PATTERN.exec(response)?.[1];
}

export function gradingInstructions(rubric: string | undefined): string {
  return rubric ? `${rubric}\n${MODEL_GRADED_DEFAULT_INSTRUCTIONS}` : MODEL_GRADED_DEFAULT_INSTRUCTIONS;
}

export function createModelGradedFactScorer(rubric?: string): Scorer {
  const instructions = gradingInstructions(rubric);
  return {
    name: 'model_graded_fact',
    async score(ctx) {
      const prompt = pyFormat(MODEL_GRADED_FACT_TEMPLATE, {
        question: inputText(ctx.sample),
        criterion: targetText(ctx.sample.target),
        answer: ctx.completion,
        instructions,
      });
      const response = await askGrader(ctx, 'model_graded_fact', prompt);
      const grade = extractGrade(response);
      if (grade === undefined) return { value: 'I', explanation: `Grade not found in model output: ${response}` };
      return { value: grade, answer: ctx.completion, explanation: response };
    },
  };
}
