import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { mathvistaExtractionPrompt } from '../../scorers/mathvista.scorer';
import { hfFileUrl } from '@studio/datasets';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { MATHVISTA_REPO } from './mathvista.task';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };
const partsOf = (body: ChatRequestBody): Part[] => (body.messages[0] as unknown as { content: Part[] }).content;
const textOf = (body: ChatRequestBody) => (partsOf(body)[0] as Extract<Part, { type: 'text' }>).text;

/** The JPEG Pillow 9.4 writes for a fixture image through upstream's loader steps (SOURCE.md), as a data URI. */
const pilJpegUri = (pid: string) =>
  `data:image/jpeg;base64,${readFileSync(join(VISION_FIXTURES, 'mathvista-images', `${pid}.pil.jpg`)).toString('base64')}`;

const rows = JSON.parse(readFileSync(join(VISION_FIXTURES, 'mathvista-rows.json'), 'utf8')) as { pid: string; query: string; question: string }[];
const promptOf = (pid: string) => {
  const row = rows.find((r) => r.pid === pid)!;
  return row.query !== '' ? row.query : row.question;
};

// The model's answers by pid, one per scoring branch; pid 5's last line is left to the grader, which answers "circle".
const ANSWERS: Record<string, string> = {
  '1': 'The shape has four sides.\nAnswer: B', // letter pattern → choice "4": right
  '2': 'The missing number is 14.', // integer, last number: right
  '3': 'About 0.5 of them.', // float rounded to 1 decimal, 0.5 ≠ 0.6: wrong
  '4': 'He needs $1.45 in total.', // float with precision 2: right
  '5': "I can't tell.\nno idea", // multiple choice, nothing matches: the grader extracts "circle": right
  '6': '', // empty response: unparseable, wrong
  '7': 'There are several stripes.', // integer with no number: kept as text, wrong
};

describe('mathvista (AI4Math/MathVista testmini, 7 constructed rows)', () => {
  const files = {
    [hfParquetListingUrl(MATHVISTA_REPO, 'default', 'testmini')]: 'mathvista-testmini.tree.json',
    [hfFileUrl(MATHVISTA_REPO, 'default/testmini/0000.parquet', 'refs/convert/parquet')]: 'mathvista-testmini.parquet',
  };
  const offline = offlineTaskRun(VISION_FIXTURES, files, (body) => {
    if (body.model === 'gpt-4-turbo') return '  circle\n';
    const pid = rows.find((r) => promptOf(r.pid) === textOf(body))!.pid;
    return ANSWERS[pid];
  });

  it('sends the query and the re-encoded image, in numpy-shuffled order, and scores every branch as upstream', async () => {
    const task = getTask('mathvista');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');

    // The dataset's order (records arrive as samples finish): `np.random.default_rng(42).permutation(7)` is
    // [3, 2, 6, 4, 1, 5, 0] (numpy 1.24).
    expect((await task.dataset.load(offline.ctx)).map((s) => s.id)).toEqual(['4', '3', '7', '5', '2', '6', '1']);
    expect(task.dataset.shuffled).toBe(true);

    const bodies = offline.server.bodies();
    const modelBodies = bodies.filter((b) => b.model === 'fake');
    expect(modelBodies).toHaveLength(7);
    const bodyOf = (pid: string) => modelBodies.find((b) => textOf(b) === promptOf(pid))!;
    for (const pid of ['1', '2', '3', '5', '6', '7']) {
      expect(bodyOf(pid).messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: promptOf(pid) }, { type: 'image_url', image_url: { url: pilJpegUri(pid), detail: 'auto' } }] },
      ]);
    }
    // No image: the query alone. pid 6 has an empty query, so its question is sent.
    expect(bodyOf('4').messages).toEqual([{ role: 'user', content: [{ type: 'text', text: promptOf('4') }] }]);
    expect(textOf(bodyOf('6'))).toBe('Is the line straight?');
    expect(bodyOf('1').max_tokens).toBe(2048);

    // Only pid 5 reaches the grader: a text answer whose last line nothing else resolved (pid 6's response is empty).
    const graderBodies = bodies.filter((b) => b.model === 'gpt-4-turbo');
    expect(graderBodies).toEqual([
      expect.objectContaining({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'text',
                text: mathvistaExtractionPrompt("I can't tell.\nno idea", {
                  questionType: 'multi_choice',
                  answerType: 'text',
                  choices: ['square', 'circle'],
                  question: 'Which shape is drawn?',
                }),
              },
            ],
          },
        ],
        temperature: 0,
        max_tokens: 100,
      }),
    ]);

    const scoreOf = (pid: string) => records.find((r) => r.sample_id === pid)!.scores.mathvista_scorer;
    expect(Object.fromEntries(rows.map((r) => [r.pid, [scoreOf(r.pid).value, scoreOf(r.pid).explanation]]))).toEqual({
      '1': [1, 'Predicted: 4, Gold: 4'],
      '2': [1, 'Predicted: 14, Gold: 14'],
      '3': [0, 'Predicted: 0.5, Gold: 0.6'],
      '4': [1, 'Predicted: 1.45, Gold: 1.45'],
      '5': [1, 'Predicted: circle, Gold: circle'],
      '6': [0, 'Predicted: , Gold: yes'],
      '7': [0, 'Predicted: There are several stripes., Gold: 3'],
    });
    expect(scoreOf('5').metadata).toEqual({ extracted_answer: 'circle', normalized_pred: 'circle', normalized_gold: 'circle' });
    const first = records.find((r) => r.sample_id === '1')!;
    expect(first.target).toBe('4');
    expect(first.metadata).toMatchObject({
      pid: '1',
      question_type: 'multi_choice',
      answer_type: 'text',
      category: '',
      skills: [],
      unit: null,
      precision: null,
      choices: ['3', '4', '5'],
      original_metadata: { category: 'math-targeted-vqa', skills: ['geometry reasoning'], split: 'testmini' },
    });

    const metrics = result.results[0].metrics;
    expect(Object.keys(metrics)).toEqual(['accuracy', 'stderr', 'std']);
    // 4 of 7 right; std is the sample standard deviation of [1,1,0,1,1,0,0], stderr std/√7.
    expect(metrics.accuracy.value).toBeCloseTo(4 / 7, 15);
    expect(metrics.std.value).toBeCloseTo(Math.sqrt((4 * (3 / 7) ** 2 + 3 * (4 / 7) ** 2) / 6), 15);
    expect(metrics.stderr.value).toBeCloseTo(metrics.std.value / Math.sqrt(7), 15);
  });

  it('filters by question type after the shuffle, and keeps the file order without it', async () => {
    const { records } = await offline.run(getTask('mathvista', { args: { question_type: 'multi_choice', shuffle: 'false' } }));
    expect(records.map((r) => r.sample_id).sort()).toEqual(['1', '5']);
    // TaskArgumentErrors, so that the API names `task_args.<name>` rather than `task_args`.
    expect(() => getTask('mathvista', { args: { split: 'train' } })).toThrow(
      expect.objectContaining({ argument: 'split', message: 'mathvista: split must be testmini or test, got "train"' }),
    );
    expect(() => getTask('mathvista', { args: { shuffle: 'yes' } })).toThrow(expect.objectContaining({ argument: 'shuffle' }));
    expect(() => getTask('mathvista', { args: { max_size_mb: 'big' } })).toThrow(expect.objectContaining({ argument: 'max_size_mb' }));
  });
});
