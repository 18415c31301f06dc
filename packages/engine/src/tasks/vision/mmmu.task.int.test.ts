import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { getTask } from '../registry';
import { MMMU_SUBJECTS, mmmuSource } from './mmmu.task';

/** The three real MMMU validation rows of the slice (Accounting_1, Agriculture_26, Architecture_and_Engineering_14), with synthetic images. */
const FILES = Object.fromEntries(MMMU_SUBJECTS.map((subject) => [mmmuSource(subject, 'validation').url, `MMMU-MMMU-${subject}-validation.parquet`]));

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail: string } };

const userParts = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const promptOf = (body: ChatRequestBody): string => userParts(body).find((p): p is Extract<Part, { type: 'text' }> => p.type === 'text')!.text;
const imagesOf = (body: ChatRequestBody): string[] =>
  userParts(body)
    .filter((p): p is Extract<Part, { type: 'image_url' }> => p.type === 'image_url')
    .map((p) => {
      expect(p.image_url.detail).toBe('auto');
      expect(p.image_url.url.startsWith('data:image/png;base64,')).toBe(true);
      return p.image_url.url.slice('data:image/png;base64,'.length);
    });

const MCQ_HEADER =
  "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD.";

const ACCOUNTING =
  '<image 1> Baxter Company has a relevant range of production between 15,000 and 30,000 units. The following cost data represents average variable costs per unit for 25,000 units of production. If 30,000 units are produced, what are the per unit manufacturing overhead costs incurred?';
const AGRICULTURE =
  "<image 1> What group of pathogens, often mistaken for regrowth following glyphosate treatment, can cause a growth habit in blackberry plants that is near-identical to the 'little leaf' symptoms commonly witnessed post-glyphosate treatment?";
const ARCHITECTURE =
  'Using a finite summation, compute the  initial deflection at midspan for the beam in  Figure P8.42. Given: E = 3000 kips/in.2 .  Use 3-ft segments. Assume I = 0.5IG. <image 1>';

describe('mmmu (MMMU/MMMU validation: 3 real rows in 30 subject shards, synthetic images)', () => {
  // Right letter for Accounting (B), wrong for Agriculture (A, target D), the open answer 1.06 found in a sentence.
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, (body) => {
    const prompt = promptOf(body);
    if (prompt.includes('Baxter Company')) return 'Overhead is fixed per unit here.\nAnswer: B';
    if (prompt.includes('blackberry')) return 'Answer: A';
    return 'The deflection is 1.06 in.';
  });

  it('sends the question with its images inline and scores MCQ and open answers with the grouped metrics', async () => {
    const { result, records } = await offline.run(getTask('mmmu'));
    expect(result.status).toBe('success');

    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(3);
    const byPrompt = (needle: string) => bodies.find((b) => promptOf(b).includes(needle))!;

    const accounting = byPrompt('Baxter Company');
    expect(accounting).toMatchObject({ model: 'fake' });
    expect(accounting.max_tokens ?? accounting.max_completion_tokens).toBe(1024);
    expect(accounting.messages).toHaveLength(1);
    expect(promptOf(accounting)).toBe(`${MCQ_HEADER}\n\n${ACCOUNTING}\n\nA) $6\nB) $7\nC) $8\nD) $9`);
    expect(userParts(accounting).map((p) => p.type)).toEqual(['text', 'image_url']);
    const [accountingImage] = imagesOf(accounting);
    expect(isSyntheticPng(accountingImage, [12, 4, 1])).toBe(true);

    // Five options: upstream shows the first four.
    const agriculture = byPrompt('blackberry');
    expect(promptOf(agriculture)).toBe(
      `${MCQ_HEADER}\n\n${AGRICULTURE}\n\nA) I don't know and I don't want to guess\nB) Nematodes\nC) Fungi\nD) Phytoplasmas`,
    );
    const agricultureImages = imagesOf(agriculture);
    expect(agricultureImages).toHaveLength(2);
    expect(isSyntheticPng(agricultureImages[0], [6, 6, 2])).toBe(true);
    expect(isSyntheticPng(agricultureImages[1], [5, 3, 3])).toBe(true);

    const architecture = byPrompt('finite summation');
    expect(promptOf(architecture)).toBe(`${ARCHITECTURE}\n\nAnswer succinctly.`);
    expect(isSyntheticPng(imagesOf(architecture)[0], [8, 5, 4])).toBe(true);

    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(Object.keys(byId)).toEqual(['validation_Accounting_1', 'validation_Agriculture_26', 'validation_Architecture_and_Engineering_14']);
    expect(byId.validation_Accounting_1.target).toBe('B');
    expect(byId.validation_Accounting_1.metadata).toEqual({
      question_id: 'validation_Accounting_1',
      options: ['$6', '$7', '$8', '$9'],
      img_type: "['Tables']",
      topic_difficulty: 'Medium',
      question_type: 'multiple-choice',
      subfield: 'Managerial Accounting',
      explanation: '',
      num_images: 1,
      question: ACCOUNTING,
      answer: 'B',
    });
    expect(byId.validation_Architecture_and_Engineering_14.metadata).toMatchObject({ options: [], num_images: 1, question_type: 'open', answer: '1.06' });
    expect(byId.validation_Agriculture_26.metadata).toMatchObject({ num_images: 2 });

    expect(byId.validation_Accounting_1.scores.mixed).toMatchObject({ value: 'C', answer: 'B' });
    expect(byId.validation_Agriculture_26.scores.mixed).toMatchObject({ value: 'I', answer: 'A', explanation: "Extracted 'A' from response, target was 'D'" });
    expect(byId.validation_Architecture_and_Engineering_14.scores.mixed).toEqual({
      value: 1,
      answer: 'The deflection is 1.06 in.',
      metadata: { open_eval: true, pred_list: ['1.06 in', 1.06] },
    });

    // [1, 0, 1]: mean 2/3, sample std 0.5774, stderr std/sqrt(3); each subfield and difficulty holds one sample.
    // The grouped metrics keep their `all` aggregate, which Inspect lists again under unique keys (accuracy2, ...).
    const [scores] = result.results;
    expect(scores.scorer).toBe('mixed');
    const metric = (value: number) => ({ value });
    const single = (group: string, value: number) => ({
      [`${group}_accuracy`]: metric(value),
      [`${group}_stderr`]: metric(0),
      [`${group}_std`]: metric(0),
    });
    const overall = (suffix: string) => ({
      [`accuracy${suffix}`]: metric(2 / 3),
      [`stderr${suffix}`]: metric(0.33333333333333337),
      [`std${suffix}`]: metric(0.5773502691896258),
    });
    const expected = {
      ...overall(''),
      ...overall('2'),
      ...single('Managerial Accounting', 1),
      ...single('Plant Pathology', 0),
      ...single('Structural Engineering', 1),
      ...overall('3'),
      ...single('Medium', 1),
      ...single('Easy', 0),
      ...single('Hard', 1),
    };
    expect(Object.keys(scores.metrics)).toEqual(Object.keys(expected));
    for (const [name, { value }] of Object.entries(expected)) expect(scores.metrics[name].value).toBeCloseTo(value, 15);
  });

  it('mmmu_open keeps the open questions, mmmu_mcq the others with the MCQ scorer, mmmu_agriculture one subject', async () => {
    const open = await offline.run(getTask('mmmu_open'));
    expect(open.records.map((r) => r.sample_id)).toEqual(['validation_Architecture_and_Engineering_14']);
    expect(open.result.results[0].metrics.accuracy.value).toBe(1);

    const mcq = await offline.run(getTask('mmmu_mcq'));
    expect(mcq.records.map((r) => r.sample_id)).toEqual(['validation_Accounting_1', 'validation_Agriculture_26']);
    expect(mcq.result.results[0].scorer).toBe('mcq_scorer');
    // create_mcq_scorer's groups have no `all` aggregate.
    expect(Object.keys(mcq.result.results[0].metrics)).toEqual([
      'accuracy',
      'stderr',
      'std',
      'Managerial Accounting_accuracy',
      'Managerial Accounting_stderr',
      'Managerial Accounting_std',
      'Plant Pathology_accuracy',
      'Plant Pathology_stderr',
      'Plant Pathology_std',
      'Medium_accuracy',
      'Medium_stderr',
      'Medium_std',
      'Easy_accuracy',
      'Easy_stderr',
      'Easy_std',
    ]);
    expect(mcq.result.results[0].metrics.accuracy.value).toBe(0.5);

    const subject = getTask('mmmu_agriculture');
    expect(subject.name).toBe('mmmu_agriculture');
    expect(subject.dataset.name).toBe('mmmu_agriculture');
    const agriculture = await offline.run(subject);
    expect(agriculture.records.map((r) => r.sample_id)).toEqual(['validation_Agriculture_26']);
    expect(agriculture.result.results[0].metrics.accuracy.value).toBe(0);
  });

  it('takes upstream’s subset and split arguments, and refuses others', () => {
    expect(getTask('mmmu', { args: { subset: 'Art' } }).name).toBe('mmmu_art');
    expect(() => getTask('mmmu', { args: { subjects: 'Art' } })).toThrow('mmmu does not accept task argument(s) subjects; it accepts subset, split');
    expect(() => getTask('mmmu_art', { args: { split: 'dev' } })).toThrow(/mmmu_art does not accept/);
  });
});
