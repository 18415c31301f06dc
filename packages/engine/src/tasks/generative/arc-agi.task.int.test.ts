import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';

const url = (repo: string) => hfFileUrl(repo, 'default/test/0000.parquet', 'refs/convert/parquet');
const V1 = url('lee64/arc-agi-evaluation');
const V2 = url('lee64/arc-agi-2-evaluation');

/** The first sample's prompt (ARC task 00576224), as openbench's `record_to_sample` prints it for the fixture row. */
const FIRST_PROMPT =
  'You are participating in a puzzle solving competition. You are an expert at solving puzzles.\n\nBelow is a list of input and output pairs with a pattern. Your goal is to identify the pattern or transformation in the training examples that maps the input to the output, then apply that pattern to the test input to give a final output.\n\nRespond in the format of the training output examples\n\n--Training Examples--\n--Example 0-- \n\n INPUT: \n\n[[8, 6], [6, 4]]\n\nOUTPUT: \n\n[[8, 6, 8, 6, 8, 6], [6, 4, 6, 4, 6, 4], [6, 8, 6, 8, 6, 8], [4, 6, 4, 6, 4, 6], [8, 6, 8, 6, 8, 6], [6, 4, 6, 4, 6, 4]]\n\n--Example 1-- \n\n INPUT: \n\n[[7, 9], [4, 3]]\n\nOUTPUT: \n\n[[7, 9, 7, 9, 7, 9], [4, 3, 4, 3, 4, 3], [9, 7, 9, 7, 9, 7], [3, 4, 3, 4, 3, 4], [7, 9, 7, 9, 7, 9], [4, 3, 4, 3, 4, 3]]\n\n\n--End of Training Examples--\n\n--Test Input--\n[[3, 2], [7, 8]]\n--End of Test Input--\n\nYour response:';

/** Boxed and right on 00576224, right as the last grid of the reply on 66e6c45b (floats and all), wrong on e633a9e5. */
function answer(prompt: string): string {
  const test = prompt.slice(prompt.indexOf('--Test Input--'));
  if (test.includes('[[3, 2], [7, 8]]')) {
    return 'The block tiles, with every other pair of rows mirrored.\n\\boxed{[[3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8], [2, 3, 2, 3, 2, 3], [8, 7, 8, 7, 8, 7], [3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8]]}';
  }
  if (test.includes('[0, 2, 3, 0]')) return 'Corners take the centre:\n[[2, 0, 0, 3], [0, 0, 0, 0], [0, 0, 0, 0], [4.0, 0, 0, 9]]';
  return 'Scaled up:\n[[1, 1, 2, 2, 5], [1, 1, 2, 2, 5], [7, 7, 3, 3, 6], [7, 7, 6, 6, 5], [7, 7, 6, 6, 5]]';
}

describe('arc_agi (three real ARC-AGI-1 evaluation tasks in lee64/arc-agi-evaluation’s layout)', () => {
  const offline = offlineTaskRun(
    GENERATIVE_FIXTURES,
    { [V1]: 'lee64-arc-agi-evaluation-default-test.parquet', [V2]: 'lee64-arc-agi-evaluation-default-test.parquet' },
    (body) => answer(lastUserText(body)),
  );

  it('sends upstream’s grid prompt and scores exact grid matches', async () => {
    const task = getTask('arc_agi');
    expect(task.config).toEqual({ max_tokens: 100000, temperature: 0 });
    expect(task.dataset.location).toBe('lee64/arc-agi-evaluation');
    const { result, records } = await offline.run(task);

    expect(result.status).toBe('success');
    expect(records.map((r) => r.sample_id).sort()).toEqual(['00576224.json', '66e6c45b.json', 'e633a9e5.json']);
    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    const first = byId['00576224.json'];
    expect(first.input).toBe(FIRST_PROMPT);
    expect(offline.server.bodies().some((b) => lastUserText(b) === FIRST_PROMPT)).toBe(true);
    expect(first.target).toBe('[[3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8], [2, 3, 2, 3, 2, 3], [8, 7, 8, 7, 8, 7], [3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8]]');
    expect(first.metadata).toMatchObject({ filename: '00576224.json', expected_grid: [[3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8], [2, 3, 2, 3, 2, 3], [8, 7, 8, 7, 8, 7], [3, 2, 3, 2, 3, 2], [7, 8, 7, 8, 7, 8]] });
    expect(first.scores.arc_agi_scorer).toEqual({ value: 'C', explanation: 'Predicted grid matches expected grid exactly' });
    expect(byId['66e6c45b.json'].scores.arc_agi_scorer.value).toBe('C');
    expect(byId['e633a9e5.json'].scores.arc_agi_scorer).toEqual({
      value: 'I',
      explanation:
        'Grid mismatch. Expected: [[1, 1, 2, 5, 5], [1, 1, 2, 5, 5], [7, 7, 3, 6, 6], [7, 7, 6, 5, 5], [7, 7, 6, 5, 5]], Got: [[1, 1, 2, 2, 5], [1, 1, 2, 2, 5], [7, 7, 3, 3, 6], [7, 7, 6, 6, 5], [7, 7, 6, 6, 5]]',
    });
    // Scores [1, 1, 0]: accuracy, stderr (std / sqrt(n)) and std with ddof=1, as numpy gives them.
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.6666666666666666 },
      stderr: { name: 'stderr', value: 0.33333333333333337 },
      std: { name: 'std', value: 0.5773502691896258 },
    });
  });

  it('reads ARC-AGI-2 with version=2 and as arc_agi_2; refuses other versions and arguments as upstream does', async () => {
    expect(getTask('arc_agi', { args: { version: '2' } }).dataset.location).toBe('lee64/arc-agi-2-evaluation');
    expect(getTask('arc_agi_1').dataset.location).toBe('lee64/arc-agi-evaluation');
    const v2 = getTask('arc_agi_2');
    expect(v2.dataset.location).toBe('lee64/arc-agi-2-evaluation');
    expect((await v2.dataset.load(offline.ctx)).map((sample) => sample.id)).toEqual(['00576224.json', '66e6c45b.json', 'e633a9e5.json']);
    expect(() => getTask('arc_agi', { args: { version: '3' } })).toThrow('Unknown ARC-AGI version: 3. Must be 1 or 2.');
    expect(() => getTask('arc_agi', { args: { split: 'train' } })).toThrow('arc_agi does not accept task argument(s) split; it accepts version');
    expect(() => getTask('arc_agi_2', { args: { version: '1' } })).toThrow('arc_agi_2 does not accept task argument(s) version; it accepts none');
  });
});
