/**
 * openbench `graphwalks`, `graphwalks_bfs`, `graphwalks_parents` (`evals/graphwalks.py`, `datasets/graphwalks.py`):
 * OpenAI's GraphWalks long-context graph questions, scored by node-set F1 per token-count bin. Token counts are
 * tiktoken's for gpt-4o (o200k_base), as upstream; `max_context_size` drops longer prompts.
 */
import { openRecords, type DatasetRecord } from '@studio/datasets';
import { graphwalksMetrics, graphwalksTokenCounts, mean } from '../../metrics';
import { createGraphwalksScorer } from '../../scorers';
import { pyStrip } from '../../scorers/python-text.util';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { Sample } from '../../types';
import type { TaskOptions } from '../task.types';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { getTokenCount } from '../shared/token-count.util';
import { autoId } from './record-dataset.util';
import { generativeTask, intArg, TaskArgumentError, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'openai/graphwalks';
/** Prompts run to about a million tokens; below this window most of the set overflows. */
export const GRAPHWALKS_MIN_CONTEXT = 128_000;

/** `task_type` → the problem types kept (null: both). */
function allowedTypes(taskType: string): Set<string> | null {
  const task = pyStrip(taskType || 'both').toLowerCase();
  if (task === 'both' || task === 'all' || task === '*') return null;
  if (task === 'bfs' || task === 'parents') return new Set([task]);
  throw new TaskArgumentError('task_type', "task_type must be one of 'bfs', 'parents', 'both'");
}

/** `record_to_sample`: null for a record filtered out by problem type or by `max_context_size`. */
function toSample(record: DatasetRecord, allowed: Set<string> | null, maxContext: number | null): Omit<Sample, 'id'> | null {
  const problemType = pyStrip(typeof record.problem_type === 'string' ? record.problem_type : '').toLowerCase();
  if (allowed !== null && !allowed.has(problemType)) return null;
  const prompt = String(record.prompt);
  const tokens = getTokenCount(prompt);
  if (maxContext !== null && tokens > maxContext) return null;
  const answerNodes = Array.isArray(record.answer_nodes) ? record.answer_nodes.map(String) : [];
  return {
    input: prompt,
    target: answerNodes,
    metadata: { problem_type: problemType, n_chars: record.prompt_chars ?? null, raw_input_tok_cnt: tokens, target: record.answer_nodes ?? null },
  };
}

function graphwalksTask(name: string, fixedType: string | null) {
  return (options: TaskOptions): TaskBody => {
    const defaults: Record<string, string> = fixedType === null ? { split: 'train', max_context_size: '', task_type: 'both' } : { split: 'train', max_context_size: '' };
    const args = taskArgs(name, options, defaults);
    const allowed = allowedTypes(fixedType ?? args.task_type);
    const maxContext = args.max_context_size === '' ? null : intArg(name, 'max_context_size', args.max_context_size);
    return {
      dataset: {
        name,
        location: REPO,
        async load(ctx) {
          const samples: Sample[] = [];
          for (const source of await hfParquetShards(REPO, 'default', args.split, ctx)) {
            for await (const record of openRecords(source, ctx)) {
              const sample = toSample(record, allowed, maxContext);
              // Inspect numbers the samples that were kept, 1..N.
              if (sample) samples.push({ id: autoId(samples.length), ...sample });
            }
          }
          return samples;
        },
      },
      config: { temperature: 0.0, top_p: 1.0, max_tokens: 8192 },
      scorer: createGraphwalksScorer(),
      metrics: [mean(), graphwalksMetrics(), graphwalksTokenCounts()],
    };
  };
}

function entry(name: string, displayName: string, description: string, tags: string[], group?: string): BenchmarkEntry {
  return {
    name,
    display_name: displayName,
    category: 'core',
    description,
    tags: ['long-context', 'graphs', 'reasoning', ...tags, 'alpha'],
    sample_count: null,
    dataset: { source: 'hf:openai/graphwalks' },
    scorer: 'node-set F1',
    requirements: { min_context_length: GRAPHWALKS_MIN_CONTEXT },
    ...(group === undefined ? {} : { group }),
    alpha: true,
  };
}

export const GRAPHWALKS_TASKS = [
  generativeTask(entry('graphwalks', 'GraphWalks', 'Multi-hop reasoning on graphs - both BFS and parent finding tasks', []), graphwalksTask('graphwalks', null)),
  generativeTask(
    entry('graphwalks_bfs', 'GraphWalks BFS', 'Multi-hop reasoning on graphs - BFS traversal tasks only', ['bfs'], 'graphwalks'),
    graphwalksTask('graphwalks_bfs', 'bfs'),
  ),
  generativeTask(
    entry('graphwalks_parents', 'GraphWalks Parents', 'Multi-hop reasoning on graphs - parent finding tasks only', ['parents'], 'graphwalks'),
    graphwalksTask('graphwalks_parents', 'parents'),
  ),
];
