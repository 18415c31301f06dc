/**
 * openbench `healthbench`, `healthbench_hard`, `healthbench_consensus` (`evals/healthbench.py`,
 * `datasets/healthbench.py`): simple-evals' HealthBench conversations, each answered once and graded rubric item by
 * rubric item by the grader model.
 */
import type { ChatMessage } from '@studio/providers';
import { accuracy, healthbenchMetrics, stderr } from '../../metrics';
import { createHealthbenchScorer } from '../../scorers';
import { SIMPLE_EVALS, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { DatasetRecord } from '@studio/datasets';
import type { TaskOptions } from '../task.types';
import { fileDataset } from './record-dataset.util';
import { SIMPLEQA_DEFAULT_GRADER } from './simpleqa.task';
import { generativeTask, graderModelFor, TaskArgumentError, taskArgs, type TaskBody } from './task-definition.util';

export const HEALTHBENCH_URLS = {
  main: `${SIMPLE_EVALS}/healthbench/2025-05-07-06-14-12_oss_eval.jsonl`,
  hard: `${SIMPLE_EVALS}/healthbench/hard_2025-05-08-21-00-10.jsonl`,
  consensus: `${SIMPLE_EVALS}/healthbench/consensus_2025-05-09-20-00-46.jsonl`,
} as const;

type Subset = keyof typeof HEALTHBENCH_URLS;

/** `record_to_sample`: the prompt stays a message list; no target, the rubrics grade. */
function toSample(record: DatasetRecord) {
  const promptId = typeof record.prompt_id === 'string' ? record.prompt_id : '';
  if (!Array.isArray(record.prompt) || record.rubrics === undefined) throw new Error('HealthBench record has no prompt or rubrics');
  return {
    id: promptId,
    input: record.prompt as ChatMessage[],
    target: '',
    metadata: { rubrics: record.rubrics, example_tags: record.example_tags ?? [], prompt_id: promptId },
  };
}

function body(name: string, subset: Subset, options: TaskOptions, grader: string): TaskBody {
  const url = HEALTHBENCH_URLS[subset];
  return {
    dataset: fileDataset(name, url, { url, format: 'jsonl' }, toSample),
    config: { temperature: 0.0, max_tokens: 8192 },
    scorer: createHealthbenchScorer(),
    metrics: [accuracy(), stderr(), healthbenchMetrics()],
    graderModel: options.graderModel ?? grader,
  };
}

/** `healthbench(subset=None, grader_model=…)`: the main set unless `-T subset=hard|consensus` (Python's None is spelled `main` here). */
function healthbench(options: TaskOptions): TaskBody {
  const args = taskArgs('healthbench', options, { subset: 'main', grader_model: SIMPLEQA_DEFAULT_GRADER });
  if (!Object.hasOwn(HEALTHBENCH_URLS, args.subset)) throw new TaskArgumentError('subset', `Invalid subset: ${args.subset}`);
  return body('healthbench', args.subset as Subset, options, graderModelFor(options, args));
}

function fixedSubset(name: string, subset: Subset) {
  return (options: TaskOptions): TaskBody => {
    const args = taskArgs(name, options, { grader_model: SIMPLEQA_DEFAULT_GRADER });
    return body(name, subset, options, graderModelFor(options, args));
  };
}

const HEALTHBENCH: BenchmarkEntry = {
  name: 'healthbench',
  display_name: 'HealthBench',
  category: 'core',
  description: 'Medical dialogue evaluation using physician-created rubrics for assessing healthcare conversations',
  tags: ['medical', 'dialogue', 'graded', 'rubric-based'],
  sample_count: 5000, // the HealthBench paper's full set
  dataset: { source: HEALTHBENCH_URLS.main },
  scorer: 'rubric LLM judge',
  requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
};

export const HEALTHBENCH_TASKS = [
  generativeTask(HEALTHBENCH, healthbench),
  generativeTask(
    subtaskOf(HEALTHBENCH, {
      name: 'healthbench_hard',
      display_name: 'HealthBench Hard',
      category: 'core',
      description: 'Most challenging medical dialogue cases from HealthBench requiring nuanced medical knowledge',
      tags: ['medical', 'dialogue', 'graded', 'rubric-based', 'hard'],
      sample_count: 1000, // HealthBench paper
      dataset: { source: HEALTHBENCH_URLS.hard },
    }),
    fixedSubset('healthbench_hard', 'hard'),
  ),
  generativeTask(
    subtaskOf(HEALTHBENCH, {
      name: 'healthbench_consensus',
      display_name: 'HealthBench Consensus',
      category: 'core',
      description: 'Medical dialogue cases with strong physician consensus on appropriate responses',
      tags: ['medical', 'dialogue', 'graded', 'rubric-based', 'consensus'],
      sample_count: 3671, // HealthBench paper
      dataset: { source: HEALTHBENCH_URLS.consensus },
    }),
    fixedSubset('healthbench_consensus', 'consensus'),
  ),
];
