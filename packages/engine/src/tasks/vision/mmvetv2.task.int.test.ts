import { hfFileUrl } from '@studio/datasets';
import { lastUserText, type ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { MMVET_V2_GRADER_TEMPLATE } from '../../scorers';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { MMVETV2_REPO } from './mmvetv2.task';

/** Constructed rows in MM-Vet v2's columns, synthetic images (test/fixtures/tasks/vision/SOURCE.md). */
const FILES = {
  [hfParquetListingUrl(MMVETV2_REPO, 'default', 'test')]: 'mm-vet-v2-test.tree.json',
  [hfFileUrl(MMVETV2_REPO, 'default/test/0000.parquet', 'refs/convert/parquet')]: 'mm-vet-v2-test.parquet',
};

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages.at(-1) as unknown as { content: Part[] }).content;
const textOf = (body: ChatRequestBody): string => (partsOf(body)[0] as Extract<Part, { type: 'text' }>).text;
/** The parts with each image reduced to whether it is the synthetic PNG `spec`, in order. */
const shape = (body: ChatRequestBody, specs: [number, number, number][]) => {
  let next = 0;
  return partsOf(body).map((p) => (p.type === 'text' ? p.text : isSyntheticPng(p.image_url.url.replace(/^data:image\/png;base64,/, ''), specs[next++])));
};

const PREDICTIONS: Record<string, string> = { 'How many feet': 'There are 10 feet.', 'Step A:': 'B', 'What is x': 'x = -1' };
/** Per prediction, the grader's replies to the successive attempts. */
const GRADES: Record<string, string[]> = {
  'There are 10 feet.': ['1.0'],
  B: ['0.0', 'The score is 0.2', '0.1', '  ', '0.3 (partially right)'],
  'x = -1': ['0.5', '0.5', '1.5', '0.5\n', '0.5'],
};

describe('mmvetv2 (whyu/mm-vet-v2 test, constructed rows), judged on the MM-Vet v2 few-shot prompt', () => {
  const attempts = new Map<string, number>();
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, (body) => {
    if (body.model === 'grader') {
      const prediction = Object.keys(GRADES).find((p) => lastUserText(body).endsWith(`| ${p} |`))!;
      const n = attempts.get(prediction) ?? 0;
      attempts.set(prediction, n + 1);
      return GRADES[prediction][n % GRADES[prediction].length];
    }
    return Object.entries(PREDICTIONS).find(([start]) => textOf(body).startsWith(start))![1];
  });

  it('interleaves text and images as the markers say, grades five times and reports per-capability metrics', async () => {
    expect(getTask('mmvetv2').graderModel).toBe('openai/gpt-4-0613');
    const task = getTask('mmvetv2', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({});
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');

    const asked = offline.server.bodies().filter((b) => b.model === 'fake');
    const feet = asked.find((b) => textOf(b).startsWith('How many feet'))!;
    expect(shape(feet, [[7, 5, 11]])).toEqual(['How many feet do these animals have in total?', true]);
    // image_2 is empty in the row: upstream skips the image and the empty text after it.
    const steps = asked.find((b) => textOf(b).startsWith('Step A:'))!;
    expect(shape(steps, [[4, 6, 12], [6, 4, 13]])).toEqual(['Step A:', true, 'Step B:', true, '\nWhich step comes first?']);

    const graded = offline.server.bodies().filter((b) => b.model === 'grader');
    expect(graded).toHaveLength(15);
    const stepsGrading = graded.find((b) => lastUserText(b).endsWith('| B |'))!;
    expect(stepsGrading.messages).toEqual([
      {
        role: 'user',
        content: MMVET_V2_GRADER_TEMPLATE.replace(
          '| {question} | {ground_truth} | {prediction} |',
          '| Step A:<image>Step B:<image>\nWhich step comes first?<image> | A <OR> Step A | B |',
        ),
      },
    ]);
    expect(stepsGrading.max_tokens ?? stepsGrading.max_completion_tokens).toBe(10);
    expect(stepsGrading.temperature).toBe(0);

    expect(records.map((r) => [r.sample_id, r.target, r.scores.mmvetv2_scorer.value])).toEqual([
      ['v2_0', '10', 1],
      ['v2_1', 'A <OR> Step A', 0.12],
      ['v1_5', '-1 <AND> -5', 0.4],
    ]);
    expect(records[1].metadata).toEqual({
      question_id: 'v2_1',
      capability: ['seq', 'rec'],
      added_in: 'v2',
      raw_question: 'Step A:<IMG><image_0>Step B:<IMG><image_1>\nWhich step comes first?<IMG><image_2>',
      answer: 'A <OR> Step A',
    });
    expect(records[1].scores.mmvetv2_scorer).toEqual({
      value: 0.12,
      answer: 'B',
      explanation: 'GPT-4 grading (avg of 5 runs): 0.12',
      metadata: {
        capability: ['seq', 'rec'],
        grading_responses: ['0.0', 'The score is 0.2', '0.1', '  ', '0.3 (partially right)'],
        individual_scores: [0, 0.2, 0.1, 0, 0.3],
        ground_truth: 'A <OR> Step A',
        score: 0.12,
        score_std: 0.11661903789690602,
      },
    });
    // "1.5" is out of range, and so is the pattern it matches: 0.0.
    expect(records[2].scores.mmvetv2_scorer).toMatchObject({ explanation: 'GPT-4 grading (avg of 5 runs): 0.40', metadata: { individual_scores: [0.5, 0.5, 0, 0.5, 0.5], score_std: 0.2 } });

    // numpy's mean and population std over all samples and over each capability's samples.
    expect(Object.fromEntries(Object.entries(result.results[0].metrics).map(([k, v]) => [k, v.value]))).toEqual({
      accuracy: 0.5066666666666667,
      stderr: 0.21193989364562424,
      std: 0.3670906639449654,
      rec_accuracy: 0.56,
      rec_stderr: 0.3111269837220809,
      rec_std: 0.44,
      ocr_accuracy: 0.4,
      ocr_stderr: 0,
      ocr_std: 0,
      know_accuracy: 1,
      know_stderr: 0,
      know_std: 0,
      math_accuracy: 0.7,
      math_stderr: 0.21213203435596423,
      math_std: 0.3,
      seq_accuracy: 0.12,
      seq_stderr: 0,
      seq_std: 0,
    });
    expect(result.results[0].scorer).toBe('mmvetv2_scorer');
  });

  it('num_grading_attempts=1 grades once; 0 is refused as upstream refuses it', async () => {
    attempts.clear();
    const before = offline.server.bodies().length;
    const { records } = await offline.run(getTask('mmvetv2', { graderModel: 'openai/grader', args: { num_grading_attempts: '1' } }));
    expect(offline.server.bodies().length - before).toBe(6);
    expect(records.map((r) => r.scores.mmvetv2_scorer.value)).toEqual([1, 0, 0.5]);
    expect(records[0].scores.mmvetv2_scorer.explanation).toBe('GPT-4 grading (avg of 1 runs): 1.00');
    expect(() => getTask('mmvetv2', { args: { num_grading_attempts: '0' } })).toThrow('num_grading_attempts must be at least 1, got 0');
  });
});
