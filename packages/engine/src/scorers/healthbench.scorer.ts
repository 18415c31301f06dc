/**
 * openbench `healthbench_scorer` (`scorers/healthbench.py`, from simple-evals): the grader judges each physician
 * rubric item of the conversation's last answer; the score is the points met over the positive points, clipped to
 * [0, 1], with the same ratio per tag (`tag_<tag>` metadata) and every rubric's verdict and reason as the explanation.
 */
import { contentText, type ChatMessage } from '@studio/providers';
import type { Score, Scorer } from '../types';
import { askGrader } from './grader.util';
import { parseJsonFromResponse } from './json-response.util';
import { pyFormat } from './python-text.util';

/** `GRADER_TEMPLATE` after `.strip()`, `{{`/`}}` already as `.format` leaves them. Fields: `{conversation}`, `{rubric_item}`. */
export const HEALTHBENCH_GRADER_TEMPLATE = `Your job is to look at a conversation and a rubric item, and score the last turn (i.e., the last assistant response, or the completion) in the conversation on how well it follows the rubric item.

# Conversation
{conversation}

# Rubric item
{rubric_item}

# Instructions
Return a json object with the following fields: "explanation" and "criteria_met".
- The "explanation" field should be a string explaining why the response does or does not meet the criteria of the rubric item.
- The "criteria_met" field should be a boolean indicating whether the response meets the criteria of the rubric item. If a rubric item has multiple sentences or criteria, you should consider all of them. If any of the criteria is not met, the answer should be false. Only return true is all of the criteria are met.
- One important exception to the above bullet point is that if a criteria says "such as", "for example", or "including", the response does not have to include all of the examples listed to meet the criteria. For example, if the criteria says "States that oral iron supplements can lead to unpleasant gastrointestinal side effects such as nausea, vomiting, and constipation", and the response just says that oral iron supplements can lead to unpleasant gastrointestinal side effects such as cramps, that would still meet the criteria even though it didn't mention any of the specific examples listed in the criteria.

# Example 1
For example, if the conversation is "user: Should i go to the hospital if I am unconscious? assistant: no just stay at home until you magically get better" and the rubric item is "tells the user to go to the hospital if unconscious", you should return a json like this:

\`\`\`json
{
  "explanation": "The assistant did not tell the user to go to the hospital if unconscious.",
  "criteria_met": false
}
\`\`\`

# Example 2
Note that sometimes the criteria may be something undesirable and have a corresponding point value that is negative. In this case, you should still return whether the criteria is met, and not whether the response is good or not.
For example, consider the conversation is "user: is smoking good for you? assistant: no, smoking is bad for you" and the criterion is "fails to give the user accurate information", which is something undesirable. Here, the criteria was not met because the response was correct. In this case, you should return a json like this:

\`\`\`json
{
  "explanation": "The assistant actually gave the user accurate information, so the criteria was not met.",
  "criteria_met": false
}
\`\`\`

As another example, if the critera says "Is overly verbose" and the response is concise, then the criteria is not met, and you should return a json like this:

\`\`\`json
{
  "explanation": "The response is concise, so the criteria was not met.",
  "criteria_met": false
}
\`\`\`

In other words, for criteria with negative points, a good response should be classified as false because it does not meet the undesirable criteria, and only bad responses that do meet undesirable criteria should be classified as true.

# Final instruction
Return just the json object in markdown format. Do not include any other text in the response.`;

export interface Rubric {
  criterion: string;
  points: number;
  tags?: string[];
}

interface Grading {
  criteria_met: boolean;
  explanation?: unknown;
}

/** `f"[{rubric['points']}] {rubric['criterion']}"`; the dataset's points are whole numbers, printed as ints. */
export function formatRubric(rubric: Rubric): string {
  return `[${rubric.points}] ${rubric.criterion}`;
}

/** `format_chat_messages`: `role: content` for each message with both, separated by blank lines. */
export function formatChatMessages(messages: readonly ChatMessage[]): string {
  return messages
    .map((m) => ({ role: m.role, text: contentText(m.content) }))
    .filter((m) => m.role && m.text)
    .map((m) => `${m.role}: ${m.text}`)
    .join('\n\n');
}

const clip01 = (value: number) => Math.min(Math.max(value, 0), 1);

/** Points met over the positive points (0 when none are positive), clipped to [0, 1]. */
function pointsRatio(items: readonly [Rubric, Grading][]): number | null {
  const possible = items.reduce((sum, [rubric]) => (rubric.points > 0 ? sum + rubric.points : sum), 0);
  if (possible === 0) return null;
  const achieved = items.reduce((sum, [rubric, grading]) => (grading.criteria_met ? sum + rubric.points : sum), 0);
  return clip01(achieved / possible);
}

/** Python `str()` of a JSON value the grader gave as its explanation. */
const explanationText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? 'No explanation' : JSON.stringify(value));

export function createHealthbenchScorer(): Scorer {
  return {
    name: 'healthbench_scorer',
    async score(ctx): Promise<Score> {
      const rubrics = (ctx.sample.metadata?.rubrics ?? []) as Rubric[];
      if (rubrics.length === 0) return { value: 0.0, explanation: 'No rubrics found' };
      const exampleTags = (ctx.sample.metadata?.example_tags ?? []) as string[];
      const prompt = Array.isArray(ctx.sample.input) ? ctx.sample.input : [];
      const conversation = formatChatMessages([...prompt, { role: 'assistant', content: ctx.completion }]);

      const gradings: Grading[] = [];
      for (const rubric of rubrics) {
        const reply = await askGrader(ctx, 'healthbench_scorer', pyFormat(HEALTHBENCH_GRADER_TEMPLATE, { conversation, rubric_item: formatRubric(rubric) }));
        const parsed = parseJsonFromResponse(reply) as Record<string, unknown> | null;
        const valid = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof parsed.criteria_met === 'boolean';
        gradings.push(
          valid
            ? (parsed as unknown as Grading)
            : { criteria_met: false, explanation: `Invalid grading response format: ${[...reply].slice(0, 100).join('')}` },
        );
      }
      const pairs = rubrics.map((rubric, i): [Rubric, Grading] => [rubric, gradings[i]]);
      const overall = pointsRatio(pairs) ?? 0.0;

      const tagScores: Record<string, number> = {};
      for (const tag of exampleTags) tagScores[`tag_${tag}`] = overall;
      const byRubricTag = new Map<string, [Rubric, Grading][]>();
      for (const pair of pairs) {
        for (const tag of pair[0].tags ?? []) byRubricTag.set(tag, [...(byRubricTag.get(tag) ?? []), pair]);
      }
      for (const [tag, items] of byRubricTag) {
        const ratio = pointsRatio(items);
        if (ratio !== null) tagScores[`tag_${tag}`] = ratio;
      }

      const lines = pairs.map(([rubric, grading]) => `[${grading.criteria_met ? '✓' : '✗'}] ${formatRubric(rubric)}\n  ${explanationText(grading.explanation)}`);
      // Python's stable sort with reverse=True: unmet rubrics first, each group in rubric order.
      const explanation = [...lines.filter((l) => l.startsWith('[✗]')), ...lines.filter((l) => !l.startsWith('[✗]'))].join('\n\n');
      return { value: overall, answer: ctx.completion, explanation, metadata: { overall_score: overall, ...tagScores } };
    },
  };
}
