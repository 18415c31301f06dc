/**
 * openbench `hle_scorer` (`scorers/hle.py`): the HLE judge prompt, a yes/no verdict, the judge's reasoning as the
 * explanation, and a confidence from the judge or, where the judge gives 100, from the response itself.
 */
import type { Score, Scorer } from '../types';
import { askGrader } from './grader.util';
import { parsePythonFloat, parsePythonInt } from './python-float.util';
import { inputText } from './simpleqa.scorer';
import { pyCaseInsensitiveWord as ci, pyFormat, pyStrip, PY_SPACE } from './python-text.util';
import { targetText } from './target.util';

/** `JUDGE_PROMPT` (a raw string: `\%` stays as written). Fields: `{question}`, `{response}`, `{correct_answer}`. */
export const HLE_JUDGE_PROMPT = `Judge whether the following [response] to [question] is correct or not based on the precise and unambiguous [correct_answer] below.

[question]: {question}

[response]: {response}

Your judgement must be in the format and criteria specified below:

extracted_final_answer: The final exact answer extracted from the [response]. Put the extracted answer as 'None' if there is no exact, final answer to extract from the response.

[correct_answer]: {correct_answer}

reasoning: Explain why the extracted_final_answer is correct or incorrect based on [correct_answer], focusing only on if there are meaningful differences between [correct_answer] and the extracted_final_answer. Do not comment on any background to the problem, do not attempt to solve the problem, do not argue for any answer different than [correct_answer], focus only on whether the answers match.

correct: Answer 'yes' if extracted_final_answer matches the [correct_answer] given above, or is within a small margin of error for numerical problems. Answer 'no' otherwise, i.e. if there if there is any inconsistency, ambiguity, non-equivalency, or if the extracted answer is incorrect.


confidence: The extracted confidence score between 0|\\%| and 100|\\%| from [response]. Put 100 if there is no confidence score available.`;

const CORRECT = new RegExp(`${ci('correct:')}${PY_SPACE}*(${ci('yes')}|${ci('no')})`, 'u');
// `$` without MULTILINE: the end, or just before a final newline.
const REASONING = new RegExp(`${ci('reasoning:')}${PY_SPACE}*([\\s\\S]+?)(?=\\n\\n${ci('correct:')}|\\n?$)`, 'u');
const JUDGE_CONFIDENCE = new RegExp(`${ci('confidence:')}${PY_SPACE}*(\\p{Nd}+)`, 'u');

/** `parse_judge_response`: (`yes`/`no`, reasoning, confidence; 100 when the judge gives none). */
export function parseHleJudgeResponse(text: string): { correct: string; reasoning: string; confidence: number } {
  const correct = CORRECT.exec(text)?.[1].toLowerCase() ?? 'no';
  const reasoning = REASONING.exec(text);
  const confidence = JUDGE_CONFIDENCE.exec(text);
  return {
    correct,
    reasoning: reasoning ? pyStrip(reasoning[1]) : '',
    confidence: confidence ? Number(parsePythonInt(confidence[1])) : 100,
  };
}

const D = '\\p{Nd}';
/** `extract_confidence_score`'s patterns, tried in order (case-sensitive but for the first letter). */
const RESPONSE_CONFIDENCE = [
  `[Cc]onfidence:${PY_SPACE}*(${D}+(?:\\.${D}+)?)${PY_SPACE}*%`,
  `[Cc]onfidence:${PY_SPACE}*(${D}+)`,
  `[Cc]onfidence:${PY_SPACE}*(0?\\.${D}+)`,
  `(${D}+(?:\\.${D}+)?)${PY_SPACE}*%${PY_SPACE}*[Cc]onfident`,
  `(0?\\.${D}+)${PY_SPACE}*[Cc]onfident`,
].map((source) => new RegExp(source, 'u'));

/** openbench `extract_confidence_score`: a percentage, or a fraction of 1 as one, truncated to an int in [0, 100]. */
export function extractConfidenceScore(response: string, fallback = 100): number {
  for (const pattern of RESPONSE_CONFIDENCE) {
    const match = pattern.exec(response);
    if (!match) continue;
    const value = parsePythonFloat(match[1]) as number;
    if (value <= 1) return Math.trunc(value * 100);
    return Math.min(100, Math.max(0, Math.trunc(value)));
  }
  return fallback;
}

export function createHleScorer(): Scorer {
  return {
    name: 'hle_scorer',
    async score(ctx): Promise<Score> {
      const modelConfidence = extractConfidenceScore(ctx.completion);
      const prompt = pyFormat(HLE_JUDGE_PROMPT, {
        question: inputText(ctx.sample),
        response: ctx.completion,
        correct_answer: targetText(ctx.sample.target),
      });
      const judgeText = await askGrader(ctx, 'hle_scorer', prompt);
      const judged = parseHleJudgeResponse(judgeText);
      return {
        value: judged.correct === 'yes' ? 1.0 : 0.0,
        answer: ctx.completion,
        explanation: judged.reasoning,
        metadata: {
          correct: judged.correct,
          confidence: judged.confidence === 100 ? modelConfidence : judged.confidence,
          judge_response: judgeText,
          question_id: ctx.sample.metadata?.question_id ?? null,
        },
      };
    },
  };
}
