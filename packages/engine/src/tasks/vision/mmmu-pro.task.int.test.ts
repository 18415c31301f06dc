import { hfFileUrl } from '@studio/datasets';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { MMMU_PRO_REPO } from './mmmu-pro.task';

const shard = (config: string) => hfFileUrl(MMMU_PRO_REPO, `${config}/test/0000.parquet`, 'refs/convert/parquet');
/** Constructed rows in MMMU-Pro's columns, synthetic images (test/fixtures/tasks/vision/SOURCE.md). */
const FILES = {
  [hfParquetListingUrl(MMMU_PRO_REPO, 'standard (10 options)', 'test')]: 'mmmu-pro-standard-test.tree.json',
  [shard('standard (10 options)')]: 'mmmu-pro-standard-test.parquet',
  [hfParquetListingUrl(MMMU_PRO_REPO, 'vision', 'test')]: 'mmmu-pro-vision-test.tree.json',
  [shard('vision')]: 'mmmu-pro-vision-test.parquet',
};

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const textOf = (body: ChatRequestBody): string => (partsOf(body)[0] as Extract<Part, { type: 'text' }>).text;
const pngs = (body: ChatRequestBody): string[] =>
  partsOf(body)
    .filter((p): p is Extract<Part, { type: 'image_url' }> => p.type === 'image_url')
    .map((p) => p.image_url.url.replace(/^data:image\/png;base64,/, ''));

const header = (letters: string) =>
  `Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ${letters}:`;
const TEN = 'A, B, C, D, E, F, G, H, I, J';

describe('mmmu_pro and mmmu_pro_vision (MMMU/MMMU_Pro test, constructed rows)', () => {
  // Right for the cost question (B) in both subsets, wrong for the pathogens (E, target C).
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, (body) => (textOf(body).includes('blackberry') ? 'Answer: E' : 'It is $7.\nAnswer: B'));

  it('mmmu_pro: ten lettered options, the images after the text, MCQ-scored and numbered 1..N', async () => {
    const { result, records } = await offline.run(getTask('mmmu_pro'));
    expect(result.status).toBe('success');
    const bodies = offline.server.bodies();
    const cost = bodies.find((b) => textOf(b).includes('Baxter'))!;
    expect(cost.max_tokens ?? cost.max_completion_tokens).toBe(1024);
    expect(textOf(cost)).toBe(
      `${header(TEN)}\n\n<image 1> Baxter Company has a relevant range of production between 15,000 and 30,000 units. The following cost data represents average variable costs per unit for 25,000 units of production. If 30,000 units are produced, what are the per unit manufacturing overhead costs incurred?\n\n` +
        'A) $6\nB) $7\nC) $8\nD) $9\nE) $10\nF) $5\nG) $12\nH) $4\nI) $11\nJ) $3',
    );
    expect(pngs(cost).map((png) => isSyntheticPng(png, [7, 3, 5]))).toEqual([true]);
    const pathogens = bodies.find((b) => textOf(b).includes('blackberry'))!;
    expect(pngs(pathogens).map((png, i) => isSyntheticPng(png, i === 0 ? [4, 4, 6] : [3, 5, 7]))).toEqual([true, true]);

    expect(records.map((r) => [r.sample_id, r.target])).toEqual([
      [1, 'B'],
      [2, 'C'],
    ]);
    expect(records[0].metadata).toEqual({
      question_id: 'test_Accounting_1',
      options: ['$6', '$7', '$8', '$9', '$10', '$5', '$12', '$4', '$11', '$3'],
      options_string: "['$6', '$7', '$8', '$9', '$10', '$5', '$12', '$4', '$11', '$3']",
      num_images: 1,
      question: records[0].metadata.question,
      answer: 'B',
      subfield: '',
      topic_difficulty: 'Medium',
      category: 'Accounting',
    });
    expect(records[1].scores.mcq_scorer).toMatchObject({ value: 'I', answer: 'E' });
    expect(result.results[0].scorer).toBe('mcq_scorer');
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
      std: { name: 'std', value: 0.7071067811865476 },
    });
  });

  it('mmmu_pro_vision: the image alone carries the question, under upstream’s stand-in question text', async () => {
    const { result, records } = await offline.run(getTask('mmmu_pro_vision'));
    const body = offline.server.bodies().at(-1)!;
    expect(textOf(body)).toBe(
      `${header(TEN)}\n\nUse the image to answer the question. Choose the best option.\n\nA) $6\nB) $7\nC) $8\nD) $9\nE) $10\nF) $5\nG) $12\nH) $4\nI) $11\nJ) $3`,
    );
    expect(pngs(body).map((png) => isSyntheticPng(png, [9, 6, 8]))).toEqual([true]);
    expect(records[0].metadata).toMatchObject({ question_id: 'test_Accounting_1', num_images: 1, category: 'Accounting', subfield: '' });
    expect(result.results[0].metrics.accuracy.value).toBe(1);
  });
});
