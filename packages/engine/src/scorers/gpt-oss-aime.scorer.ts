/**
 * openbench `gpt_oss_aime_scorer` (`scorers/gpt_oss/aime.py`, from openai/gpt-oss): the last non-empty
 * `boxed{…}`/`framebox{…}` content after its last comma, else the last run of digits; its leading digits compared
 * with the target as integers.
 */
import type { Score, Scorer } from '../types';
import { parsePythonInt } from './python-float.util';
import { pyStrip } from './python-text.util';
import { targetText } from './target.util';

/** `boxed{(.*?)}|framebox{(.*?)}` with `re.DOTALL`. */
const BOXED = /boxed\{([\s\S]*?)\}|framebox\{([\s\S]*?)\}/gu;
/** Python's Unicode `\d`. */
const DIGITS = /\p{Nd}+/gu;
const LEADING_DIGITS = /^\p{Nd}+/u;

/** openbench `extract_boxed_text`. */
export function extractBoxedText(text: string): string {
  const matches = [...text.matchAll(BOXED)];
  for (const match of matches.reverse()) {
    for (const group of [match[1] ?? '', match[2] ?? '']) {
      if (group !== '') return pyStrip(group.split(',').at(-1) as string);
    }
  }
  const numbers = text.match(DIGITS);
  return numbers ? numbers[numbers.length - 1] : '';
}

export function createGptOssAimeScorer(): Scorer {
  return {
    name: 'gpt_oss_aime_scorer',
    async score({ sample, completion }): Promise<Score> {
      const extracted = extractBoxedText(completion);
      const correctAnswer = pyStrip(targetText(sample.target));
      const normalized = LEADING_DIGITS.exec(extracted)?.[0];
      if (normalized === undefined) return { value: 'I', answer: null, explanation: 'No valid answer found in response' };
      const extractedInt = parsePythonInt(normalized) as bigint;
      const target = parsePythonInt(correctAnswer);
      if (target === null) {
        return { value: 'I', answer: String(extractedInt), explanation: `Could not parse target '${correctAnswer}' as integer` };
      }
      return {
        value: extractedInt === target ? 'C' : 'I',
        answer: String(extractedInt),
        explanation: `Extracted ${extractedInt} from response, target was ${target}`,
      };
    },
  };
}
