/**
 * openbench's `hle_scorer` (`src/openbench/scorers/hle.py`): a grader model judges the response against the answer
 * with HLE's judge prompt; the confidence is the judge's, or the response's own when the judge gave none (100).
 */
import type { Score, Scorer } from '../types';
import { correctAnswerJudgePrompt } from './browsecomp.scorer';
import { askGrader } from './grader.util';
import { parsePythonFloat, parsePythonInt } from './python-float.util';
import { pyFormat, pyStrip } from './python-text.util';
import { inputText } from './simpleqa.scorer';
import { targetText } from './target.util';

/** `JUDGE_PROMPT` (a raw string: `\%` is kept). */
export const HLE_JUDGE_PROMPT = correctAnswerJudgePrompt('\\%');

const CONFIDENCE_PATTERNS = [
  /[Cc]onfidence:\s*(\p{Nd}+(?:\.\p{Nd}+)?)\s*%/u,
  /[Cc]onfidence:\s*(\p{Nd}+)/u,
  /[Cc]onfidence:\s*(0?\.\p{Nd}+)/u,
  /(\p{Nd}+(?:\.\p{Nd}+)?)\s*%\s*[Cc]onfident/u,
  /(0?\.\p{Nd}+)\s*[Cc]onfident/u,
];

/** openbench `extract_confidence_score(response, default=100)`. */
export function extractConfidenceScore(response: string, fallback = 100): number {
  for (const pattern of CONFIDENCE_PATTERNS) {
    const match = pattern.exec(response);
    if (!match) continue;
    const value = parsePythonFloat(match[1]) as number;
    if (value <= 1) return Math.trunc(value * 100);
    return Math.min(100, Math.max(0, Math.trunc(value)));
  }
  return fallback;
}

/** `parse_judge_response`: "yes"/"no" (default "no"), the reasoning, and the judge's confidence (default 100). */
export function parseHleJudgeResponse(judge: string): { correct: string; reasoning: string; confidence: number } {
  const correct = /correct:\s*(yes|no)/i.exec(judge);
  const reasoning = /reasoning:\s*([\s\S]+?)(?=\n\ncorrect:|$)/i.exec(judge);
  const confidence = /confidence:\s*(\p{Nd}+)/iu.exec(judge);
  return {
    correct: correct ? correct[1].toLowerCase() : 'no',
    reasoning: reasoning ? pyStrip(reasoning[1]) : '',
    confidence: confidence ? Number(parsePythonInt(confidence[1])) : 100,
  };
}

export function createHleScorer(): Scorer {
  return {
    name: 'hle_scorer',
    async score(ctx): Promise<Score> {
      const response = ctx.completion;
      const modelConfidence = extractConfidenceScore(response);
      const prompt = pyFormat(HLE_JUDGE_PROMPT, { question: inputText(ctx.sample), response, correct_answer: targetText(ctx.sample.target) });
      const judge = await askGrader(ctx, 'hle_scorer', prompt);
      const { correct, reasoning, confidence } = parseHleJudgeResponse(judge);
      return {
        value: correct === 'yes' ? 1.0 : 0.0,
        answer: response,
        explanation: reasoning,
        metadata: {
          correct,
          confidence: confidence === 100 ? modelConfidence : confidence,
          judge_response: judge,
          question_id: ctx.sample.metadata?.question_id ?? null,
        },
      };
    },
  };
}
