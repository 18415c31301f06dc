/** openbench `browsecomp_scorer` (`scorers/browsecomp.py`, from simple-evals): the grader says `correct: yes|no`. */
import type { Scorer } from '../types';
import { askGrader } from './grader.util';
import { parsePythonInt } from './python-float.util';
import { pyFormat } from './python-text.util';
import { inputText } from './simpleqa.scorer';
import { targetText } from './target.util';

/**
 * simple-evals' BrowseComp judge prompt; openbench's HLE judge is the same text in a raw string, where the percent
 * signs stay `\%`. Fields: `{question}`, `{response}`, `{correct_answer}`.
 */
export function correctAnswerJudgePrompt(percent: '%' | '\\%'): string {
  return `Judge whether the following [response] to [question] is correct or not based on the precise and unambiguous [correct_answer] below.

[question]: {question}

[response]: {response}

Your judgement must be in the format and criteria specified below:

extracted_final_answer: The final exact answer extracted from the [response]. Put the extracted answer as 'None' if there is no exact, final answer to extract from the response.

[correct_answer]: {correct_answer}

reasoning: Explain why the extracted_final_answer is correct or incorrect based on [correct_answer], focusing only on if there are meaningful differences between [correct_answer] and the extracted_final_answer. Do not comment on any background to the problem, do not attempt to solve the problem, do not argue for any answer different than [correct_answer], focus only on whether the answers match.

correct: Answer 'yes' if extracted_final_answer matches the [correct_answer] given above, or is within a small margin of error for numerical problems. Answer 'no' otherwise, i.e. if there if there is any inconsistency, ambiguity, non-equivalency, or if the extracted answer is incorrect.


confidence: The extracted confidence score between 0|${percent}| and 100|${percent}| from [response]. Put 100 if there is no confidence score available.`;
}

/** `GRADER_TEMPLATE` after its `.strip()`. */
export const BROWSECOMP_GRADER_TEMPLATE = correctAnswerJudgePrompt('%');

const CORRECT = /correct:\s*(yes|no)/i;
/** Python's `\d` and `\s` are Unicode-aware on str patterns. */
const CONFIDENCE = /confidence:\s*(\p{Nd}+)(?:\s*%)?/iu;

export function createBrowsecompScorer(): Scorer {
  return {
    name: 'browsecomp_scorer',
    async score(ctx) {
      // The grader gets the plain question, as simple-evals does, not the formatted input.
      const plain = ctx.sample.metadata?.plain_question;
      const prompt = pyFormat(BROWSECOMP_GRADER_TEMPLATE, {
        question: typeof plain === 'string' ? plain : inputText(ctx.sample),
        correct_answer: targetText(ctx.sample.target),
        response: ctx.completion,
      });
      const gradingText = await askGrader(ctx, 'browsecomp_scorer', prompt);
      const isCorrect = CORRECT.exec(gradingText)?.[1].toLowerCase() === 'yes';
      const confidence = CONFIDENCE.exec(gradingText);
      return {
        value: isCorrect ? 1.0 : 0.0,
        answer: ctx.completion,
        metadata: {
          is_correct: isCorrect,
          confidence: confidence ? Number(parsePythonInt(confidence[1])) : 100,
          grading_response: gradingText,
        },
      };
    },
  };
}
