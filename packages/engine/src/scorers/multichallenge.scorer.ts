/** openbench `multichallenge_scorer` (`scorers/multichallenge.py`): a strict YES/NO judge compared with the pass criteria. */
import type { Score, Scorer } from '../types';
import { askGrader } from './grader.util';
import { pyFormat, pyStrip } from './python-text.util';

/** `JUDGE_TEMPLATE` after `.strip()`, `{{`/`}}` as `.format` leaves them. Fields: `{model_response}`, `{target_question}`. */
export const MULTICHALLENGE_JUDGE_TEMPLATE = `You are evaluating whether an assistant's response correctly answers a target question.
Be STRICT. Respond with a JSON object:

\`\`\`json
{"reasoning": "...", "verdict": "YES" or "NO"}
\`\`\`

<MODEL_RESPONSE>
{model_response}
</MODEL_RESPONSE>

<TARGET_QUESTION>
{target_question}
</TARGET_QUESTION>`;

/** Python `str()` of a JSON value. */
function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  return JSON.stringify(value);
}

/** `_parse_verdict`: fenced `{…}` blocks, then the greedy first-to-last-brace span, then YES/NO anywhere. */
export function parseVerdict(text: string): { reasoning: string; verdict: 'YES' | 'NO' } {
  const fenced = [...text.matchAll(/```(?:json)?\s*(\{[\s\S]*?\})\s*```/g)].map((m) => m[1]);
  const greedy = [...text.matchAll(/(\{[\s\S]*\})/g)].map((m) => m[1]);
  for (const blob of [...fenced, ...greedy]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(blob);
    } catch {
      continue;
    }
    // `obj.get` on anything but a dict raises, which upstream catches and skips.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) continue;
    const obj = parsed as Record<string, unknown>;
    const verdict = pyStrip(pyStr(obj.verdict ?? '')).toUpperCase();
    if (verdict === 'YES' || verdict === 'NO') return { reasoning: pyStrip(pyStr(obj.reasoning ?? '')), verdict };
  }
  const upper = text.toUpperCase();
  if (upper.includes('YES')) return { reasoning: pyStrip(text), verdict: 'YES' };
  return { reasoning: pyStrip(text), verdict: 'NO' };
}

export function createMultichallengeScorer(): Scorer {
  return {
    name: 'multichallenge_scorer',
    async score(ctx): Promise<Score> {
      const md = ctx.sample.metadata ?? {};
      const targetQuestion = pyStr(md.target_question ?? '');
      const passCriteria = pyStrip(pyStr(md.pass_criteria ?? '')).toUpperCase();
      const prompt = pyFormat(MULTICHALLENGE_JUDGE_TEMPLATE, { model_response: ctx.completion, target_question: targetQuestion });
      const parsed = parseVerdict(pyStrip(await askGrader(ctx, 'multichallenge_scorer', prompt)));
      const passed = parsed.verdict === passCriteria;
      return {
        value: passed ? 1.0 : 0.0,
        explanation: `Judge verdict: ${parsed.verdict} | Expected: ${passCriteria}\nReasoning: ${[...parsed.reasoning].slice(0, 2000).join('')}`,
        metadata: {
          question_id: md.question_id ?? null,
          axis: md.axis ?? null,
          verdict: parsed.verdict,
          expected: passCriteria,
          passed,
          target_question: targetQuestion,
        },
      };
    },
  };
}
