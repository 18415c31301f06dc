import { hfFileUrl } from '@studio/datasets';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { HLE_JUDGE_PROMPT } from '../../scorers/hle.scorer';
import { storableRecord } from '../../session/stored-record';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { HLE_REPO, HLE_SYSTEM_PROMPT } from './hle.task';

/** Three constructed rows in cais/hle's columns; the second carries its image as a data-URI string, as cais/hle does. */
const FILES = {
  [hfParquetListingUrl(HLE_REPO, 'default', 'test')]: 'hle-test.tree.json',
  [hfFileUrl(HLE_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'hle-test.parquet',
};

const GRADER = 'o3-mini-2025-01-31';
const lastText = (body: ChatRequestBody): string => {
  const content = body.messages.at(-1)!.content as unknown;
  return typeof content === 'string' ? content : (content as { type: string; text?: string }[]).map((p) => p.text ?? '').join('');
};

const ANSWERS: Record<string, [string, string]> = {
  prime: ['Explanation: 101 is prime.\nAnswer: 101\nConfidence: 90%', 'extracted_final_answer: 101\n\nreasoning: It matches.\n\ncorrect: yes\n\nconfidence: 90'],
  // "Confidence: 0.4" reads as 0 upstream: its second pattern takes the integer part first.
  stripes: ['Answer: 3\nConfidence: 0.4', 'extracted_final_answer: 3\n\nreasoning: 3 is not 4.\n\ncorrect: no\n\nconfidence: 100'],
  iron: ['Answer: Iron (I am 85% confident)', 'extracted_final_answer: Iron\n\nreasoning: The same element.\n\ncorrect: Yes'],
};
const keyOf = (text: string) => (text.includes('prime') ? 'prime' : text.includes('stripes') ? 'stripes' : 'iron');

describe('hle and hle_text (cais/hle test, 3 constructed rows)', () => {
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, (body) => {
    const text = lastText(body);
    return body.model === GRADER ? ANSWERS[keyOf(text.slice(text.indexOf('[question]:')))][1] : ANSWERS[keyOf(text)][0];
  });

  it('hle: HLE’s system prompt, the question as a text part, judged by the grader; accuracy and average confidence', async () => {
    const { result, records } = await offline.run(getTask('hle'));
    expect(result.status).toBe('success');
    const bodies = offline.server.bodies();
    const answered = bodies.filter((b) => b.model === 'fake');
    expect(answered).toHaveLength(3);
    const prime = answered.find((b) => lastText(b).includes('prime'))!;
    expect(prime.messages).toEqual([
      { role: 'system', content: HLE_SYSTEM_PROMPT },
      { role: 'user', content: [{ type: 'text', text: 'What is the smallest prime number greater than 100?' }] },
    ]);
    expect(prime).toMatchObject({ temperature: 0 });
    expect(prime.max_tokens ?? prime.max_completion_tokens).toBe(8192);
    // cais/hle's image is a data-URI string, which upstream does not send: the question goes alone.
    const stripes = answered.find((b) => lastText(b).includes('stripes'))!;
    expect(JSON.stringify(stripes.messages)).not.toContain('image_url');
    expect(JSON.stringify(stripes.messages)).not.toContain('base64');

    const judged = bodies.find((b) => b.model === GRADER && lastText(b).includes('prime'))!;
    expect(judged.messages).toEqual([
      {
        role: 'user',
        content: HLE_JUDGE_PROMPT.replace('{question}', 'What is the smallest prime number greater than 100?')
          .replace('{response}', ANSWERS.prime[0])
          .replace('{correct_answer}', '101'),
      },
    ]);

    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(Object.keys(byId)).toEqual(['constructed0001', 'constructed0002', 'constructed0003']);
    expect(byId.constructed0001.scores.hle_scorer).toEqual({
      value: 1,
      answer: ANSWERS.prime[0],
      explanation: 'It matches.',
      metadata: { correct: 'yes', confidence: 90, judge_response: ANSWERS.prime[1], question_id: 'constructed0001' },
    });
    expect(byId.constructed0002.scores.hle_scorer).toMatchObject({ value: 0, metadata: { correct: 'no', confidence: 0 } });
    expect(byId.constructed0003.scores.hle_scorer).toMatchObject({ value: 1, explanation: 'The same element.', metadata: { correct: 'yes', confidence: 85 } });
    expect(String(byId.constructed0002.metadata.image_url)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(storableRecord(byId.constructed0002).metadata.image_url).toBe('<base64-data-removed>');

    expect(result.results[0].scorer).toBe('hle_scorer');
    const metrics = result.results[0].metrics;
    expect(Object.keys(metrics)).toEqual(['accuracy', 'stderr', 'avg_confidence']);
    expect(metrics.accuracy.value).toBeCloseTo(2 / 3, 15);
    expect(metrics.stderr.value).toBeCloseTo(0.33333333333333337, 15);
    expect(metrics.avg_confidence.value).toBeCloseTo((90 + 0 + 85) / 3, 12);
    expect(result.usage[`openai/${GRADER}`]).toBeDefined();
  });

  it('hle_text leaves out the questions with an image', async () => {
    const { records } = await offline.run(getTask('hle_text'));
    expect(records.map((r) => r.sample_id)).toEqual(['constructed0001', 'constructed0003']);
  });
});
