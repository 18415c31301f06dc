import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { STRUCTURE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';
import { getChatmlTokenCount } from '../shared/token-count.util';

const FILES = Object.fromEntries(['2needle', '4needle', '8needle'].map((file) => [hfFileUrl('openai/mrcr', `${file}.parquet`), `openai-mrcr-${file}.parquet`]));
const ROWS = JSON.parse(readFileSync(join(STRUCTURE_FIXTURES, 'mrcr.rows.json'), 'utf8')) as Record<string, { prompt: string; answer: string }[]>;

/** Exact; without the prefix; the wrong story of four; the right riddle with a changed last word. */
function respond(request: string): string {
  if (request.includes('poem about tapirs')) return ROWS['2needle'][0].answer;
  if (request.includes('social media post')) return "Tapirs: nature's snorkel! #tapir";
  if (request.includes('short story about night')) return 'k2VbT7wQ9cA heron waited all night for the tide.';
  return 'Hh3Jd0sPq1What has words but never speaks? A letter.';
}

// difflib.SequenceMatcher(None, response, answer).ratio() after the prefix, computed with python3's difflib.
const STORY_RATIO = 0.2972972972972973;
const RIDDLE_RATIO = 0.8780487804878049;

describe('openai_mrcr and its 2n/4n/8n subtasks (constructed conversations in the dataset layout)', () => {
  const offline = offlineTaskRun(STRUCTURE_FIXTURES, FILES, (body) => respond(lastUserText(body)));

  it('sends the conversation, scores the SequenceMatcher ratio behind the prefix and reports it per token-count bin', async () => {
    const task = getTask('openai_mrcr');
    expect(task.config).toEqual({ temperature: 0 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records.map((r) => [r.sample_id, r.metadata.n_needles])).toEqual([[1, 2], [2, 2], [3, 4], [4, 8]]);
    expect(offline.server.bodies()[0].messages).toEqual(JSON.parse(ROWS['2needle'][0].prompt));
    expect(records[1].input).toEqual(JSON.parse(ROWS['2needle'][1].prompt));
    expect(records.map((r) => r.scores.mrcr_scorer.value)).toEqual([1, 0, STORY_RATIO, RIDDLE_RATIO]);
    // The long conversation (about 10k tokens) is in the second bin; the short ones fall below 4,096 and count in the first.
    const longTokens = records[1].metadata.raw_input_tok_cnt as number;
    expect(longTokens).toBe(getChatmlTokenCount(ROWS['2needle'][1].prompt));
    expect(longTokens).toBeGreaterThan(8192);
    expect(longTokens).toBeLessThan(16384);
    expect(records.map((r) => r.scores.mrcr_scorer.metadata!.bin_index)).toEqual([0, 1, 0, 0]);
    const metrics = Object.fromEntries(Object.entries(result.results[0].metrics).map(([key, m]) => [key, m.value]));
    expect(metrics).toEqual({
      mean: (1 + 0 + STORY_RATIO + RIDDLE_RATIO) / 4,
      '4096-8192': (1 + STORY_RATIO + RIDDLE_RATIO) / 3,
      '8192-16384': 0, '16384-32768': 0, '32768-65536': 0, '65536-131072': 0, '131072-262144': 0, '262144-524288': 0, '524288-1048576': 0,
    });
  });

  it('each subtask reads its own file; max_context_size drops longer conversations', async () => {
    const eight = await offline.run(getTask('openai_mrcr_8n'));
    expect(eight.records.map((r) => r.scores.mrcr_scorer.value)).toEqual([RIDDLE_RATIO]);
    const two = await offline.run(getTask('openai_mrcr_2n', { args: { max_context_size: '4096' } }));
    expect(two.records.map((r) => [r.sample_id, r.scores.mrcr_scorer.value])).toEqual([[1, 1]]);
    expect((await offline.run(getTask('openai_mrcr_4n'))).records.map((r) => r.metadata.n_needles)).toEqual([4]);
  });
});
