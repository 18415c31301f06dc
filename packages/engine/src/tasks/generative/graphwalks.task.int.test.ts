import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { parseNodes, prf1 } from '../../scorers';
import { getTask } from '../registry';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTokenCount } from '../shared/token-count.util';

const FILES = {
  [hfParquetListingUrl('openai/graphwalks', 'default', 'train')]: 'openai-graphwalks-default-train.tree.json',
  [hfFileUrl('openai/graphwalks', 'default/train/0000.parquet', 'refs/convert/parquet')]: 'openai-graphwalks-default-train-0000.parquet',
};

/** Right on the BFS question, half right on parents of D, unparseable on the long chain. */
function respond(prompt: string): string {
  if (prompt.includes('BFS from node A')) return 'Nodes at depth 1.\nFinal Answer: [B, C, B]';
  if (prompt.includes('parents of node D')) return 'final answer: [B, E]';
  return 'The parent is N29.';
}

describe('graphwalks, graphwalks_bfs, graphwalks_parents (constructed small graphs)', () => {
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, FILES, (body) => respond(lastUserText(body)));

  it('scores node-set F1 from the last line, bins by o200k token count and reports F1 and samples per bin', async () => {
    const task = getTask('graphwalks');
    expect(task.config).toEqual({ temperature: 0, top_p: 1, max_tokens: 8192 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records.map((r) => [r.sample_id, r.metadata.problem_type, r.target])).toEqual([
      [1, 'bfs', ['B', 'C']],
      [2, 'parents', ['B', 'C']],
      [3, 'parents', ['N29']],
    ]);
    const bfs = records[0].scores.graphwalks_scorer;
    expect(bfs).toMatchObject({ value: 1, answer: "['B', 'C']", metadata: { parsed_ok: true, pred: ['B', 'C'], bin_index: 0 } });
    expect(bfs.metadata!.raw_input_tok_cnt).toBe(getTokenCount(String(records[0].input)));
    expect(bfs.metadata!.total_tok_cnt).toBe(getTokenCount(String(records[0].input)) + getTokenCount('Nodes at depth 1.\nFinal Answer: [B, C, B]'));
    expect(records[1].scores.graphwalks_scorer).toMatchObject({ value: 0.5, metadata: { precision: 0.5, recall: 0.5 } });
    expect(records[2].scores.graphwalks_scorer).toMatchObject({ value: 0, answer: '[]', metadata: { parsed_ok: false } });
    const metrics = Object.fromEntries(Object.entries(result.results[0].metrics).map(([key, value]) => [key, value.value]));
    expect(metrics).toEqual({
      mean: 0.5,
      '0-512': 0.5, '512-1024': 0, '1024-2048': 0, '2048-4096': 0, '4096-8192': 0, '8192-16384': 0, '16384-32768': 0, '32768-65536': 0,
      'samples_per_bin[0-512]': 3, 'samples_per_bin[512-1024]': 0, 'samples_per_bin[1024-2048]': 0, 'samples_per_bin[2048-4096]': 0,
      'samples_per_bin[4096-8192]': 0, 'samples_per_bin[8192-16384]': 0, 'samples_per_bin[16384-32768]': 0, 'samples_per_bin[32768-65536]': 0,
    });
  });

  it('the subtasks keep their problem type; max_context_size drops longer prompts', async () => {
    const bfs = await offline.run(getTask('graphwalks_bfs'));
    expect(bfs.records.map((r) => r.metadata.problem_type)).toEqual(['bfs']);
    const parents = await offline.run(getTask('graphwalks_parents', { args: { max_context_size: '100' } }));
    expect(parents.records.map((r) => r.target)).toEqual([['B', 'C']]);
    expect(() => getTask('graphwalks', { args: { task_type: 'dfs' } })).toThrow("task_type must be one of 'bfs', 'parents', 'both'");
  });

  it('counts tokens as tiktoken does for gpt-4o, and parses and scores as upstream', () => {
    // tiktoken's o200k_base: "hello world" is 2 tokens.
    expect(getTokenCount('hello world')).toBe(2);
    expect(parseNodes('x\nFinal Answer: []')).toEqual({ nodes: [], parseError: false });
    expect(parseNodes('Final Answer: [a]\n')).toEqual({ nodes: [], parseError: true });
    expect(prf1([], [])).toEqual([1, 1, 1]);
    expect(prf1(['a'], [])).toEqual([0, 0, 0]);
  });
});
