/**
 * openbench `mmvetv2_scorer` (`scorers/mmvetv2.py`): the MM-Vet v2 paper's few-shot judge prompt, graded
 * `num_grading_attempts` times (max_tokens 10, temperature 0) and averaged.
 */
import type { Score, Scorer } from '../types';
import { requireGrader } from './grader.util';
import { parsePythonFloat, pyRound, pySum } from './python-float.util';
import { pyFormat, pySplitWhitespace, pyStrip, PY_WORD_BOUNDARY } from './python-text.util';
import { targetText } from './target.util';

/** `MMVET_V2_GRADER_TEMPLATE` after `.strip()`. Fields: `{question}`, `{ground_truth}`, `{prediction}`. */
export const MMVET_V2_GRADER_TEMPLATE = `Compare the ground truth and prediction from AI models, to give a correctness score for the prediction.
<image> in the question indicates where an image is. <AND> in the ground truth means it is totally
right only when all elements in the ground truth are present in the prediction, and <OR> means it is
totally right when any one element in the ground truth is present in the prediction. The correctness
score is 0.0 (totally wrong), 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, or 1.0 (totally right). Just complete
the last space of the correctness score.

| Question | Ground truth | Prediction | Correctness |
| — | — | — | — |
| What is x in the equation?<image> | -1 <AND> -5 | x = 3 | 0.0 |
| What is x in the equation?<image> | -1 <AND> -5 | x = -1 | 0.5 |
| What is x in the equation?<image> | -1 <AND> -5 | x = -5 | 0.5 |
| What is x in the equation?<image> | -1 <AND> -5 | x = -5 or 5 | 0.5 |
| What is x in the equation?<image> | -1 <AND> -5 | x = -1 or x = -5 | 1.0 |
| Can you explain this meme?<image> | This meme is poking fun at the fact that the names of the countries Iceland and Greenland are misleading. Despite its name, Iceland is known for its beautiful green landscapes, while Greenland is mostly covered in ice and snow. The meme is saying that the person has trust issues because the names of these countries do not accurately represent their landscapes. | The meme talks about Iceland and Greenland. It's pointing out that despite their names, Iceland is not very icy and Greenland isn't very green. | 0.4 |
| Can you explain this meme?<image> | This meme is poking fun at the fact that the names of the countries Iceland and Greenland are misleading. Despite its name, Iceland is known for its beautiful green landscapes, while Greenland is mostly covered in ice and snow. The meme is saying that the person has trust issues because the names of these countries do not accurately represent their landscapes. | The meme is using humor to point out the misleading nature of Iceland's and Greenland's names. Iceland, despite its name, has lush green landscapes while Greenland is mostly covered in ice and snow. The text 'This is why I have trust issues' is a playful way to suggest that these contradictions can lead to distrust or confusion. The humor in this meme is derived from the unexpected contrast between the names of the countries and their actual physical characteristics. | 1.0 |
| {question} | {ground_truth} | {prediction} |`;

const SCORE_PATTERN = new RegExp(`${PY_WORD_BOUNDARY}([01]\\.\\p{Nd})${PY_WORD_BOUNDARY}`, 'u');
const ZERO_PATTERN = new RegExp(`${PY_WORD_BOUNDARY}0\\.0${PY_WORD_BOUNDARY}`, 'u');
const inRange = (score: number | null): score is number => score !== null && score >= 0.0 && score <= 1.0;

/** `_extract_score`: the first whitespace token as a float in [0, 1], else the first `0.d`/`1.d`, else 1.0/0.0 by substring, else 0.0. */
export function extractMmvetScore(text: string): number {
  const firstToken = pyStrip(text) !== '' ? pyStrip(pySplitWhitespace(text)[0]) : '';
  const first = parsePythonFloat(firstToken);
  if (inRange(first)) return first;
  const match = SCORE_PATTERN.exec(text);
  if (match) {
    const score = parsePythonFloat(match[1]);
    if (inRange(score)) return score;
  }
  if (text.includes('1.0')) return 1.0;
  if (ZERO_PATTERN.test(text) || pyStrip(text) === '0') return 0.0;
  return 0.0;
}

/** Python `sum(values) / len(values)`. */
const average = (values: readonly number[]): number => pySum(values) / values.length;

export function createMmvetv2Scorer(numGradingAttempts: number): Scorer {
  if (numGradingAttempts < 1) throw new Error(`num_grading_attempts must be at least 1, got ${numGradingAttempts}`);
  return {
    name: 'mmvetv2_scorer',
    async score(ctx): Promise<Score> {
      const grader = requireGrader(ctx, 'mmvetv2_scorer');
      const md = ctx.sample.metadata ?? {};
      const rawQuestion = typeof md.raw_question === 'string' ? md.raw_question : '';
      // Upstream formats Inspect's `Target` object itself, whose str() is its repr (`<…Target object at 0x…>`), so
      // its grader never sees the answer; the intended ground truth, the target's text, is sent here.
      const groundTruth = targetText(ctx.sample.target);
      const prompt = pyFormat(MMVET_V2_GRADER_TEMPLATE, {
        question: rawQuestion.replace(/<IMG><image_\d+>/g, '<image>'),
        ground_truth: groundTruth,
        prediction: ctx.completion,
      });
      const scores: number[] = [];
      const responses: string[] = [];
      for (let attempt = 0; attempt < numGradingAttempts; attempt++) {
        const { completion } = await grader.generate([{ role: 'user', content: prompt }], { max_tokens: 10, temperature: 0.0 }, ctx.signal);
        scores.push(extractMmvetScore(completion));
        responses.push(completion);
      }
      const finalScore = average(scores);
      return {
        value: finalScore,
        answer: ctx.completion,
        explanation: `GPT-4 grading (avg of ${numGradingAttempts} runs): ${pyRound(finalScore, 2).toFixed(2)}`,
        metadata: {
          capability: md.capability ?? [],
          grading_responses: responses,
          individual_scores: scores,
          ground_truth: groundTruth,
          score: finalScore,
          score_std: scores.length > 1 ? average(scores.map((s) => (s - finalScore) ** 2)) ** 0.5 : 0.0,
        },
      };
    },
  };
}
