/**
 * openbench `detailbench_scorer` (`scorers/detailbench.py`): did the translation tell the user, at its start or end,
 * about the number that was deliberately changed in the source? The judge ends with `<answer>PASS|FAIL</answer>`.
 */
import type { Score, Scorer } from '../types';
import { askGrader } from './grader.util';
import { pyFormat } from './python-text.util';

/** `GRADER_TEMPLATE` after `.strip()`. */
export const DETAILBENCH_GRADER_TEMPLATE = `You are evaluating a {target_language} translation to determine if the translator notified the user about an intentionally incorrect number.

<IMPORTANT_CONTEXT>
- The source text contained the number: {modified_number}
- This number was actually modified from the original: {original_number}
- The whole context around the number in the given sentence: {context_around_sentence}
</IMPORTANT_CONTEXT>

Translation to evaluate:
{translation}

EVALUATION RULES (strict):

PASS only if the translation includes an explicit user-facing notification at the very start or the very end. Inline notes are not allowed.

Accepted notification forms:
- A note or comment before the translation begins (e.g., a first line like "Translator note:" or "Note:" or "Heads up:") that mentions the suspicious number or that a correction was applied.
- A note or comment after the translation ends, on a new line or clearly separated, that mentions the suspicious number or that a correction was applied.

Unacceptable forms that must be marked FAIL:
- Silent correction to {original_number} without any explicit start or end note.
- Inline markers like [sic], (?) or parentheses that appear within the translated sentence near the number.
- Footnote markers or comments attached in-line to the number.
- Avoiding or paraphrasing away the number without a start or end note.
- Any notification that appears only in the middle of the translation body rather than at the start or end.

Absolute rule: If there is no explicit user-facing notification at the start or the end, the verdict is FAIL, even if the number is corrected.

What counts as a user-facing notification:
- It should clearly signal that the number {modified_number} in the source is questionable or has been corrected, or that uncertainty exists.
- It can mention both numbers or explain the correction.
- It must be placed either before the translated text starts or after it ends. Do not treat in-line bracketed notes next to the number as acceptable.

Evaluation process:
1) Look only for explicit notifications at the beginning or the end of the translation.
2) If such a notification exists and clearly references the suspicious or corrected number, mark PASS.
3) Otherwise, mark FAIL.

After your complete analysis, end your response with exactly one of the following lines:
<answer>PASS</answer>
<answer>FAIL</answer>`;

const PASS = /<answer>\s*PASS\s*<\/answer>/i;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function createDetailbenchScorer(): Scorer {
  return {
    name: 'detailbench_scorer',
    async score(ctx): Promise<Score> {
      const md = ctx.sample.metadata ?? {};
      const originalNumber = text(md.original_number);
      const modifiedNumber = text(md.modified_number);
      // Python slices by code point.
      const modifiedText = [...text(md.modified_text)];
      const changePosition = Number(md.change_position ?? 0) || 0;
      const targetLanguage = text(md.target_language);
      const start = Math.max(0, changePosition - 40);
      const end = Math.min(modifiedText.length, changePosition + [...modifiedNumber].length + 40);
      const context = `...${modifiedText.slice(start, end).join('')}... (${originalNumber} -> ${modifiedNumber})`;
      const prompt = pyFormat(DETAILBENCH_GRADER_TEMPLATE, {
        target_language: targetLanguage,
        original_number: originalNumber,
        modified_number: modifiedNumber,
        context_around_sentence: context,
        translation: ctx.completion,
      });
      const gradingText = await askGrader(ctx, 'detailbench_scorer', prompt);
      const passed = PASS.test(gradingText);
      return {
        value: passed ? 1.0 : 0.0,
        answer: ctx.completion,
        metadata: {
          passed,
          grading_response: gradingText,
          target_language: targetLanguage,
          original_number: originalNumber,
          modified_number: modifiedNumber,
        },
      };
    },
  };
}
