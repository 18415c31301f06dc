import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { storableRecord } from '../../session/stored-record';
import { getTask } from '../registry';
import { mmstarSource } from './mmstar.task';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail: string } };
const userParts = (body: ChatRequestBody): Part[] => (body.messages[1] as unknown as { content: Part[] }).content;
const questionOf = (body: ChatRequestBody) => (userParts(body).find((p) => p.type === 'text') as Extract<Part, { type: 'text' }>).text;
const withImage = (body: ChatRequestBody) => userParts(body).some((p) => p.type === 'image_url');

const SYSTEM = 'Return your answer as a single uppercase letter with no additional text. Even if you are unsure, return your best guess as a single uppercase letter.';
const COLOR = 'What is the main color of the square in the image?\nOptions: A: red, B: green, C: blue, D: yellow';

describe('mmstar (Lin-Chen/MMStar val, 3 constructed rows)', () => {
  // With the image: right, wrong (B for C), right; without it: wrong, right, right.
  const ANSWERS: Record<string, [string, string]> = { color: ['A', 'D'], stripes: ['B', 'C'], brighter: ['b\n', 'B'] };
  const offline = offlineTaskRun(VISION_FIXTURES, { [mmstarSource().url]: 'mmstar-val.parquet' }, (body) => {
    const question = questionOf(body);
    const key = question.includes('color') ? 'color' : question.includes('stripes') ? 'stripes' : 'brighter';
    return ANSWERS[key][withImage(body) ? 0 : 1];
  });

  it('asks each question with and without its image and reports Sv, Swv, the gain and Sv per category', async () => {
    const { result, records } = await offline.run(getTask('mmstar'));
    expect(result.status).toBe('success');
    const bodies = offline.server.bodies().filter((b) => questionOf(b) === COLOR);
    expect(bodies).toHaveLength(2);
    const [vision, text] = [bodies.find(withImage)!, bodies.find((b) => !withImage(b))!];
    expect(vision.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    const parts = userParts(vision);
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    const url = (parts[0] as Extract<Part, { type: 'image_url' }>).image_url.url;
    expect(isSyntheticPng(url.replace(/^data:image\/png;base64,/, ''), [5, 5, 13])).toBe(true);
    expect(text.messages).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: [{ type: 'text', text: COLOR }] },
    ]);

    expect(records.map((r) => [r.sample_id, r.target])).toEqual([
      [0, 'A'],
      [1, 'C'],
      [2, 'B'],
    ]);
    expect(records[0].output!.completion).toBe(
      '{\n  "with_vision_answer": "A",\n  "without_vision_answer": "D",\n  "text_base_answer": "",\n  "category": "coarse perception",\n' +
        '  "subcategory": "image scene and topic",\n  "image_path": "images/0.jpg",\n' +
        '  "question": "What is the main color of the square in the image?\\nOptions: A: red, B: green, C: blue, D: yellow",\n  "base_model": null\n}',
    );
    expect(records[1].scores.mmstar_scorer).toEqual({
      value: 0,
      answer: 'B',
      metadata: {
        category: 'fine-grained perception',
        subcategory: 'object counting',
        image_path: 'images/1.jpg',
        question: 'How many stripes does the image show?\nOptions: A: 1, B: 2, C: 3, D: 4',
        with_vision_score: 0,
        without_vision_score: 1,
        text_base_score: 0,
      },
    });
    expect(records[0].metadata).toMatchObject({ source: 'constructed', split: 'val', image_path: 'images/0.jpg', category: 'coarse perception', subcategory: 'image scene and topic' });
    // The image travels in the metadata; a stored row keeps the marker instead.
    expect(String(records[0].metadata.image_uri)).toMatch(/^data:image\/png;base64,/);
    expect(storableRecord(records[0]).metadata.image_uri).toBe('<base64-data-removed>');
    // Both calls count towards the sample's usage.
    expect(records[0].usage).toEqual({ input_tokens: 24, output_tokens: 6, total_tokens: 30 });

    const metrics = result.results[0].metrics;
    expect(Object.keys(metrics)).toEqual([
      'accuracy',
      'stderr',
      'visual_score(sv)',
      'without_visual_score(swv)',
      'multi-modal_gain(mg)',
      'coarse perception',
      'fine-grained perception',
    ]);
    expect(metrics.accuracy.value).toBeCloseTo(2 / 3, 15);
    expect(metrics.stderr.value).toBeCloseTo(0.33333333333333337, 15);
    expect(metrics['visual_score(sv)'].value).toBeCloseTo(2 / 3, 15);
    expect(metrics['without_visual_score(swv)'].value).toBeCloseTo(2 / 3, 15);
    expect(metrics['multi-modal_gain(mg)'].value).toBe(0);
    expect(metrics['coarse perception'].value).toBe(1);
    expect(metrics['fine-grained perception'].value).toBe(0);
  });

  it('refuses a base model, which this engine cannot call from the solver', () => {
    expect(() => getTask('mmstar', { args: { base_model: 'openai/gpt-4o' } })).toThrow('mmstar: base_model (a second, text-only model for the leakage metric) is not supported by this engine');
  });
});
