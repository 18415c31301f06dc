/**
 * openbench's m2s jailbreak sets (`evals/{cosafe,mhj,safemt}_m2s.py`, `datasets/*_m2s.py`): multi-turn jailbreaks
 * converted to single prompts, the answers judged by StrongREJECT (`strong_reject_scorer`, default grader gpt-4.1).
 * Upstream's task functions take no arguments: the grader is the run's grader model, else that default.
 */
import { mean, strongRejectMetrics } from '../../metrics';
import { createStrongRejectScorer } from '../../scorers';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, recordGet } from './record-dataset.util';
import { SIMPLEQA_DEFAULT_GRADER } from './simpleqa.task';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

function m2s(name: string, repo: string) {
  return (options: TaskOptions): TaskBody => {
    taskArgs(name, options, {});
    return {
      dataset: fileDataset(name, repo, hfParquetShard(repo, 'default', 'train'), (record, index) => {
        const prompt = recordGet(record, 'prompt', '');
        return {
          id: autoId(index),
          input: typeof prompt === 'string' ? prompt : String(prompt),
          target: '',
          metadata: {
            prompt,
            objective: recordGet(record, 'objective', ''),
            id: recordGet(record, 'id', ''),
            category: recordGet(record, 'category', ''),
            annotations: recordGet(record, 'metadata', {}),
          },
        };
      }),
      config: {},
      scorer: createStrongRejectScorer(),
      metrics: [mean(), strongRejectMetrics()],
      graderModel: options.graderModel ?? SIMPLEQA_DEFAULT_GRADER,
    };
  };
}

function entry(name: string, displayName: string, description: string, tag: string, repo: string): BenchmarkEntry {
  return {
    name,
    display_name: displayName,
    category: 'jailbreak',
    description,
    tags: [tag, 'jailbreak', 'm2s'],
    sample_count: null,
    dataset: { source: `hf:${repo}` },
    scorer: 'StrongREJECT LLM judge',
    requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
  };
}

const SETS = [
  ['cosafe_m2s', 'CoSafe-M2S', 'CoSafe m2s - Single turn conversion of the CoSafe dataset', 'cosafe', 'lvogel123/cosafe-300-m2s'],
  ['mhj_m2s', 'MHJ-M2S', 'MHJ-M2S - Single turn conversion of the MHJ dataset', 'mhj', 'lvogel123/mhj-m2s'],
  ['safemt_m2s', 'SafeMT-M2S', 'SafeMT m2s - Single turn conversion (actor-attack) of the SafeMT dataset', 'safemt', 'lvogel123/safemt-attack-600-m2s'],
] as const;

export const M2S_TASKS = SETS.map(([name, displayName, description, tag, repo]) =>
  generativeTask(entry(name, displayName, description, tag, repo), m2s(name, repo)),
);
