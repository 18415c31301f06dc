/**
 * openbench `ifbench` (`evals/ifbench.py`, `datasets/ifbench.py`, `scorers/ifbench.py`): allenai/IFBench_test's 300
 * prompts as they are, generated with the run's defaults (the task sets no generation config), every instruction
 * checked strictly and loosely by IFBench's 58 checkers and aggregated by `ifeval_metrics`.
 */
import { SCORER } from '../../catalog/benchmark.entry';
import { ifevalMetrics } from '../../metrics';
import { createIfbenchScorer } from '../../scorers';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from '../generative/record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from '../generative/task-definition.util';
import type { TaskOptions } from '../task.types';
import { plainKwargs } from './ifeval.task';

/** `_clean_kwargs`: nulls dropped (integer-valued floats become ints, which JavaScript numbers already are). */
function cleanKwargs(value: unknown): Record<string, unknown>[] {
  return plainKwargs(value).map((kwargs) => Object.fromEntries(Object.entries(kwargs).filter(([, item]) => item !== null && item !== undefined)));
}

function ifbench(options: TaskOptions): TaskBody {
  taskArgs('ifbench', options, {});
  // load_dataset("allenai/IFBench_test", split="train"): the Hub's parquet export of the default config.
  const source = hfParquetShard('allenai/IFBench_test', 'default', 'train');
  return {
    dataset: fileDataset('allenai/IFBench_test', 'allenai/IFBench_test', source, (record) => ({
      id: record.key === undefined || record.key === null ? '' : String(record.key),
      input: stringField(record, 'prompt'),
      target: '',
      metadata: { instruction_id_list: record.instruction_id_list, kwargs: cleanKwargs(record.kwargs ?? []) },
    })),
    config: {},
    scorer: createIfbenchScorer(),
    metrics: [ifevalMetrics()],
  };
}

export const ifbenchTask = generativeTask({
  name: 'ifbench',
  display_name: 'IFBench',
  category: 'core',
  description: 'Out-of-distribution instruction following with strict and loose scoring over challenging constraints',
  tags: ['instruction-following', 'constraints', 'formatting', 'ood'],
  sample_count: 300, // allenai/IFBench data/IFBench_test.jsonl
  dataset: { source: 'hf:allenai/IFBench_test', split: 'train' },
  scorer: SCORER.instructionCheckers,
}, ifbench);
