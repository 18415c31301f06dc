/**
 * openbench `ifeval` (`evals/ifeval.py`, `datasets/ifeval.py`, `scorers/ifeval.py`, `metrics/ifeval.py`): google/IFEval's
 * 541 prompts as they are, temperature 0 and 2048 tokens, every instruction checked strictly and loosely.
 */
import { SCORER } from '../../catalog/benchmark.entry';
import { ifevalMetrics } from '../../metrics';
import { createIfevalScorer } from '../../scorers';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from '../generative/record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from '../generative/task-definition.util';
import type { TaskOptions } from '../task.types';

/** The kwargs structs as Python sees them: int64 values as plain numbers (they are small counts), nulls kept. */
export function plainKwargs(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('ifeval record has no kwargs list');
  return value.map((kwargs: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(kwargs ?? {}).map(([key, item]) => [key, typeof item === 'bigint' ? Number(item) : item])),
  );
}

function ifeval(options: TaskOptions): TaskBody {
  taskArgs('ifeval', options, {});
  // load_dataset("google/IFEval", split="train"): the Hub's parquet export of the default config.
  const source = hfParquetShard('google/IFEval', 'default', 'train');
  return {
    dataset: fileDataset('google/IFEval', 'google/IFEval', source, (record) => ({
      // str(record.get("key", "")): the int64 key as decimal text.
      id: record.key === undefined || record.key === null ? '' : String(record.key),
      input: stringField(record, 'prompt'),
      target: '',
      metadata: { instruction_id_list: record.instruction_id_list, kwargs: plainKwargs(record.kwargs) },
    })),
    config: { temperature: 0.0, max_tokens: 2048 },
    scorer: createIfevalScorer(),
    metrics: [ifevalMetrics()],
  };
}

export const ifevalTask = generativeTask({
  name: 'ifeval',
  display_name: 'Instruction Following',
  category: 'core',
  description:
    'Tests ability to follow specific formatting and content constraints with both strict and loose evaluation metrics',
  tags: ['instruction-following', 'constraints', 'formatting'],
  sample_count: 541, // shared/datasets/ifeval/input_data.jsonl
  dataset: { source: 'hf:google/IFEval', split: 'train' },
  scorer: SCORER.instructionCheckers,
}, ifeval);
