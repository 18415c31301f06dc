import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { hfFileUrl } from '@studio/datasets';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { OCRBENCHV2_INSTRUCTION, OCRBENCHV2_REPO } from './ocrbenchv2.task';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages[0] as unknown as { content: Part[] }).content;
const questionOf = (body: ChatRequestBody) => (partsOf(body)[2] as Extract<Part, { type: 'text' }>).text;

interface Row {
  dataset_name: string;
  type: string;
  id: number;
  question: string;
  answers: string[];
  image: string | null;
}
const rows = JSON.parse(readFileSync(join(VISION_FIXTURES, 'ocrbenchv2-rows.json'), 'utf8')) as Row[];
const idOf = (row: Row) => `${row.dataset_name}_${row.id}`;

/** The JPEG Pillow 9.4 writes for a row's image through the loader's step (pil-jpeg/SOURCE.md), as a data URI. */
const pilJpegUri = (image: string) =>
  `data:image/jpeg;base64,${readFileSync(join(VISION_FIXTURES, '../../images/pil-jpeg', `${image.replace(/\.(png|jpg)$/, '')}.ocrbenchv2.jpg`)).toString('base64')}`;

// The model's answers by question, one per evaluation; the expected scores follow each.
const ANSWERS: Record<string, [string, number]> = {
  synth_textrec_0: ['STOP', 1], // VQA: short answer contained
  synth_cnvqa_1: ['答案是 北京', 1], // Chinese VQA: spaces removed, contained
  synth_count_2: ['7', 0.875], // counting: 1 − |7 − 8| / 8
  synth_kie_3: ['{"total": "12.00", "date": "x"}', 2 / 3], // KIE F1: precision 1/2, recall 1
  // OCR metric: (BLEU + METEOR + token F1 + 1 − edit distance) / 4, upstream's ocr_evaluation with NLTK 3.8 + WordNet 3.0.
  synth_ocr_4: ['the quick brown box', 0.707778724136817],
  // TEDS: one cell of nine differs ("13" for "12"); the pair and its value (0.95) are in the TEDS vectors from real lxml + APTED.
  synth_table_5: ['```html\n<table>\n  <tr><th>Name</th><th>Qty</th></tr>\n  <tr><td>Apple</td><td>3</td></tr>\n  <tr><td>Pear</td><td>13</td></tr>\n</table>\n```', 0.95],
  synth_formula_6: ['```latex\nx^{2}+y_{1}\n```', 1], // formula: equal after LaTeX normalisation
  synth_ground_7: ['[10, 10, 30, 20]', 0.5], // IoU 100 / 200
  synth_hand_8: ['A、C', 1], // handwritten multiple choice: "、"-separated letters
  synth_reason_9: ['no', 0], // VQA: "yes" not contained
};

describe('ocrbenchv2 (morpheushoc/OCRBenchv2 test, 11 synthetic rows)', () => {
  const files = {
    [hfParquetListingUrl(OCRBENCHV2_REPO, 'default', 'test')]: 'ocrbenchv2-test.tree.json',
    [hfFileUrl(OCRBENCHV2_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'ocrbenchv2-test.parquet',
  };
  const offline = offlineTaskRun(VISION_FIXTURES, files, (body) => {
    const row = rows.find((r) => r.question === questionOf(body) && r.image !== null)!;
    return ANSWERS[idOf(row)][0];
  });

  it('sends the instruction, the re-encoded image and the question, in numpy-shuffled order, and scores every category', async () => {
    const task = getTask('ocrbenchv2');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');

    // `np.random.default_rng(42).permutation(11)` is [6, 7, 0, 10, 3, 5, 2, 4, 9, 1, 8] (numpy 1.24); row 10 has no image.
    const samples = await task.dataset.load(offline.ctx);
    expect(samples.map((s) => s.id)).toEqual([
      'synth_formula_6',
      'synth_ground_7',
      'synth_textrec_0',
      'synth_kie_3',
      'synth_table_5',
      'synth_count_2',
      'synth_ocr_4',
      'synth_reason_9',
      'synth_cnvqa_1',
      'synth_hand_8',
    ]);

    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(10);
    for (const row of rows.filter((r) => r.image !== null)) {
      const body = bodies.find((b) => questionOf(b) === row.question)!;
      expect(body.messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: OCRBENCHV2_INSTRUCTION },
            { type: 'image_url', image_url: { url: pilJpegUri(row.image!), detail: 'auto' } },
            { type: 'text', text: row.question },
          ],
        },
      ]);
    }

    const scoreOf = (id: string) => records.find((r) => r.sample_id === id)!.scores.ocrbenchv2_scorer;
    expect(Object.fromEntries(Object.keys(ANSWERS).map((id) => [id, scoreOf(id).value]))).toEqual(
      Object.fromEntries(Object.entries(ANSWERS).map(([id, [, value]]) => [id, value])),
    );
    expect(scoreOf('synth_count_2')).toMatchObject({
      answer: '7',
      explanation: 'Capability: Understanding (Category: text counting en, Dataset: synth_count)',
      metadata: { dataset_name: 'synth_count', category: 'text counting en', capability: 'Understanding', prediction: '7', answers: ['8'] },
    });
    const ground = records.find((r) => r.sample_id === 'synth_ground_7')!;
    expect(ground.target).toEqual(['10', '10', '20', '20']);
    expect(ground.metadata).toMatchObject({
      dataset_name: 'synth_ground',
      type: 'text grounding en',
      capability: 'Referring',
      bbox: [10, 10, 20, 20],
      raw_text: null,
      content: null,
      image_path: 'ground/7.jpg',
      question: 'Where is the word "EXIT"? Answer with a box.',
      // Added by the solver, which converts the image when the sample runs.
      image_uri: pilJpegUri('jpeg-420.jpg'),
    });
    expect(samples.find((s) => s.id === 'synth_ground_7')!.metadata).not.toHaveProperty('image_uri');

    const metrics = result.results[0].metrics;
    const values = Object.values(ANSWERS).map(([, value]) => value);
    expect(metrics.accuracy.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 15);
    const groups: Record<string, number> = {
      Recognition: (1 + 0.707778724136817 + 1) / 3,
      Understanding: (1 + 0.875) / 2,
      Extraction: 2 / 3,
      Parsing: 0.95,
      Calculation: 1,
      Referring: 0.5,
      Reasoning: 0,
    };
    for (const [group, value] of Object.entries(groups)) expect(metrics[`${group}_accuracy`].value).toBeCloseTo(value, 15);
    const groupValues = Object.values(groups);
    expect(metrics.overall.value).toBeCloseTo(groupValues.reduce((a, b) => a + b, 0) / groupValues.length, 15);
  });

  it('filters by language and categories after the shuffle, and keeps the file order with seed=None', async () => {
    const ids = async (args: Record<string, string>) => (await getTask('ocrbenchv2', { args }).dataset.load(offline.ctx)).map((s) => s.id);
    expect(await ids({ language: 'cn' })).toEqual(['synth_cnvqa_1', 'synth_hand_8']);
    expect(await ids({ categories: '["text counting en", "table parsing en"]' })).toEqual(['synth_table_5', 'synth_count_2']);
    // A plain string stays a str upstream, whose `in` is a substring test.
    expect(await ids({ categories: 'text recognition en', seed: 'None' })).toEqual(['synth_textrec_0']);
    expect((await ids({ language: 'en', seed: 'None' })).slice(0, 3)).toEqual(['synth_textrec_0', 'synth_count_2', 'synth_kie_3']);
    expect(() => getTask('ocrbenchv2', { args: { categories: '["table parsing en"' } })).toThrow(
      'ocrbenchv2: categories must be a list of category names, got ["table parsing en"',
    );
  });
});
