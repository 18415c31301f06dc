import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { getTask } from '../registry';
import { rocketscienceSource } from './rocketscience.task';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const textOf = (body: ChatRequestBody): string => (partsOf(body)[0] as Extract<Part, { type: 'text' }>).text;
const pngs = (body: ChatRequestBody): string[] =>
  partsOf(body)
    .filter((p): p is Extract<Part, { type: 'image_url' }> => p.type === 'image_url')
    .map((p) => p.image_url.url.replace(/^data:image\/png;base64,/, ''));

/** The seed of each synthetic image of the slice (two constructed items), by [width, height, seed]. */
const IMAGES: Record<number, [number, number, number]> = { 9: [6, 2, 9], 10: [2, 6, 10], 11: [3, 3, 11], 12: [4, 2, 12] };
const seedsOf = (body: ChatRequestBody) => pngs(body).map((png) => Number(Object.keys(IMAGES).find((seed) => isSyntheticPng(png, IMAGES[Number(seed)]))));

const SELECT_TEXT = 'Which caption fits the image best? Reason about it and at the end write "RESPONSE" and reply only with the number 1 or 2.';
const SELECT_IMAGE = 'Which image fits the caption best? Reason about it and at the end write "RESPONSE" and reply only with the number 1 or 2. Caption:';

describe('rocketscience (nilshoehing/rocketsciencebench train, 2 constructed items = 8 samples)', () => {
  // Item 1 all right; item 2's captions right, its first image choice unmatched (its last digit is a 3).
  const offline = offlineTaskRun(VISION_FIXTURES, { [rocketscienceSource().url]: 'rocketsciencebench-train.parquet' }, (body) => {
    const text = textOf(body);
    const [first] = seedsOf(body);
    if (text.startsWith(SELECT_TEXT)) return { 9: 'The ball is left.\nRESPONSE\n1', 10: 'RESPONSE: 2.', 11: 'RESPONSE 1', 12: 'response: 2\n' }[first]!;
    if (text.endsWith('to the left of the blue cube.')) return 'RESPONSE 1';
    if (text.endsWith('to the right of the blue cube.')) return '2';
    if (text.endsWith('on top of the book.')) return 'RESPONSE: 1 of 3';
    return 'RESPONSE: 2';
  });

  it('sends four prompts per item with their images and scores text 1, image 0.5, group 0.5', async () => {
    const { result, records } = await offline.run(getTask('rocketscience'));
    expect(result.status).toBe('success');
    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(8);
    const captions = '1.) The red ball is to the left of the blue cube. 2.) The red ball is to the right of the blue cube.';
    const forImage = (seed: number) => bodies.find((b) => textOf(b).startsWith(SELECT_TEXT) && seedsOf(b)[0] === seed)!;
    expect(textOf(forImage(9))).toBe(`${SELECT_TEXT} ${captions}`);
    expect(seedsOf(forImage(10))).toEqual([10]);
    const imageChoice = bodies.find((b) => textOf(b) === `${SELECT_IMAGE} The cup is underneath the book.`)!;
    expect(seedsOf(imageChoice)).toEqual([11, 12]);
    expect(partsOf(imageChoice).map((p) => p.type)).toEqual(['text', 'image_url', 'image_url']);

    expect(records.map((r) => [r.sample_id, r.target, r.metadata.type])).toEqual([
      [1, ['1'], 'textscore'],
      [2, ['2'], 'textscore'],
      [3, ['1'], 'imagescore'],
      [4, ['2'], 'imagescore'],
      [5, ['1'], 'textscore'],
      [6, ['2'], 'textscore'],
      [7, ['1'], 'imagescore'],
      [8, ['2'], 'imagescore'],
    ]);
    const tuples = records.map((r) => r.metadata.tuple_id);
    expect(new Set(tuples.slice(0, 4)).size).toBe(1);
    expect(tuples[4]).not.toBe(tuples[0]);
    expect(tuples[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(records[0].scores.pattern).toEqual({ value: 'C', answer: '1', explanation: 'The ball is left.\nRESPONSE\n1' });
    expect(records[6].scores.pattern).toEqual({ value: 'I', explanation: 'Scoring pattern not matched in output: RESPONSE: 1 of 3' });

    expect(result.results).toHaveLength(1);
    expect(result.results[0].scorer).toBe('pattern');
    expect(result.results[0].metrics).toEqual({
      image_score: { name: 'image_score', value: 0.5 },
      text_score: { name: 'text_score', value: 1 },
      group_score: { name: 'group_score', value: 0.5 },
    });
  });
});
