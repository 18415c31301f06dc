import { hfFileUrl } from '@studio/datasets';
import { lastUserText, type ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { HLE_JUDGE_PROMPT } from '../../scorers';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { HLE_REPO, HLE_SYSTEM_PROMPT } from './hle.task';

/** Constructed rows in cais/hle's columns; the image question's data URI is a synthetic PNG (SOURCE.md). */
const FILES = {
  [hfParquetListingUrl(HLE_REPO, 'default', 'test')]: 'hle-test.tree.json',
  [hfFileUrl(HLE_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'hle-test.parquet',
};

const PRIME = 'What is the smallest prime number greater than 100?';
const COLOUR = 'Which colour dominates the top-left corner of the image?';
const GAS = "Which gas makes up most of Earth's atmosphere?\n\nAnswer Choices:\nA. Oxygen\nB. Nitrogen\nC. Argon";

type Part = { type: string; text?: string };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const questionOf = (body: ChatRequestBody): string => partsOf(body)[0].text ?? '';

/** The model answers each question; the judge ("openai/grader") replies in three shapes. */
function respond(body: ChatRequestBody): string {
  if (body.model === 'grader') {
    const prompt = lastUserText(body);
    if (prompt.includes('greater than 100')) return 'extracted_final_answer: 101\n\nreasoning: It matches 101.\n\ncorrect: yes\n\nconfidence: 90';
    // One newline before "correct:": the reasoning runs to the end.
    if (prompt.includes('top-left corner')) return 'extracted_final_answer: red\nreasoning: The answer is blue.\ncorrect: NO\nconfidence: 100';
    return 'Correct: Yes';
  }
  const question = questionOf(body);
  if (question === PRIME) return 'Explanation: 101 is prime.\nAnswer: 101\nConfidence: 90%';
  // 0.29 * 100 is 28.999999999999996, truncated to 28 as upstream's int() does.
  if (question === COLOUR) return 'Answer: red\nI am 0.29 confident';
  return 'Answer: B';
}

const judged = (question: string, response: string, answer: string) =>
  HLE_JUDGE_PROMPT.replace('{question}', question).replace('{response}', response).replace('{correct_answer}', answer);

describe('hle and hle_text (cais/hle test, constructed rows), judged by the HLE prompt', () => {
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, respond);

  it('hle: the system prompt, the questions as openbench sends them, the judge verdicts and the average confidence', async () => {
    expect(getTask('hle').graderModel).toBe('openai/o3-mini-2025-01-31');
    const task = getTask('hle', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 0, max_tokens: 8192 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');

    const asked = offline.server.bodies().filter((b) => b.model === 'fake');
    expect(asked).toHaveLength(3);
    for (const body of asked) {
      expect(body.messages[0]).toEqual({ role: 'system', content: HLE_SYSTEM_PROMPT });
      expect(body.max_tokens ?? body.max_completion_tokens).toBe(8192);
      expect(body.temperature).toBe(0);
    }
    // cais/hle's image column is a data-URI string, which upstream's extract_image_bytes refuses: the question goes
    // out as its text alone and the data URI is kept in metadata.image_url.
    expect(asked.map((b) => partsOf(b))).toEqual([[{ type: 'text', text: PRIME }], [{ type: 'text', text: COLOUR }], [{ type: 'text', text: GAS }]]);
    expect(records.map((r) => r.metadata)).toEqual([
      { question_id: '6700a0b1c2d3e4f5a6b7c801' },
      { question_id: '6700a0b1c2d3e4f5a6b7c802', image_url: expect.stringMatching(/^data:image\/png;base64,/) },
      { question_id: '6700a0b1c2d3e4f5a6b7c803' },
    ]);
    expect(isSyntheticPng(String(records[1].metadata.image_url).replace(/^data:image\/png;base64,/, ''), [5, 4, 21])).toBe(true);

    const grading = offline.server.bodies().filter((b) => b.model === 'grader');
    expect(grading.find((b) => lastUserText(b).includes(COLOUR))!.messages).toEqual([
      { role: 'user', content: judged(COLOUR, 'Answer: red\nI am 0.29 confident', 'blue') },
    ]);
    // The grader runs with the provider's defaults (upstream passes no config).
    expect(grading[0].max_tokens ?? grading[0].max_completion_tokens).toBeUndefined();

    expect(records.map((r) => [r.sample_id, r.target, r.scores.hle_scorer.value])).toEqual([
      ['6700a0b1c2d3e4f5a6b7c801', '101', 1],
      ['6700a0b1c2d3e4f5a6b7c802', 'blue', 0],
      ['6700a0b1c2d3e4f5a6b7c803', 'B', 1],
    ]);
    expect(records[0].scores.hle_scorer).toEqual({
      value: 1,
      answer: 'Explanation: 101 is prime.\nAnswer: 101\nConfidence: 90%',
      explanation: 'It matches 101.',
      metadata: {
        correct: 'yes',
        confidence: 90,
        judge_response: 'extracted_final_answer: 101\n\nreasoning: It matches 101.\n\ncorrect: yes\n\nconfidence: 90',
        question_id: '6700a0b1c2d3e4f5a6b7c801',
      },
    });
    // The judge's 100 defers to the response's own confidence (28); no judge confidence at all does too (100).
    expect(records[1].scores.hle_scorer).toMatchObject({
      explanation: 'The answer is blue.\ncorrect: NO\nconfidence: 100',
      metadata: { correct: 'no', confidence: 28 },
    });
    expect(records[2].scores.hle_scorer).toMatchObject({ explanation: '', metadata: { correct: 'yes', confidence: 100 } });
    expect(result.results[0].scorer).toBe('hle_scorer');
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 2 / 3 },
      stderr: { name: 'stderr', value: 0.33333333333333337 },
      avg_confidence: { name: 'avg_confidence', value: 218 / 3 },
    });
  });

  it('hle_text drops the questions with an image', async () => {
    const task = getTask('hle_text', { graderModel: 'openai/grader', args: { max_tokens: '100' } });
    expect(task.config).toEqual({ temperature: 0, max_tokens: 100 });
    const { result, records } = await offline.run(task);
    expect(records.map((r) => r.sample_id)).toEqual(['6700a0b1c2d3e4f5a6b7c801', '6700a0b1c2d3e4f5a6b7c803']);
    expect(result.results[0].metrics.accuracy.value).toBe(1);
    expect(result.results[0].metrics.avg_confidence.value).toBe(95);
  });
});
