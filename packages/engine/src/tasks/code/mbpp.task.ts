/**
 * openbench `mbpp` (`evals/mbpp.py`, `datasets/mbpp.py`, `scorers/mbpp.py`): the task with its asserts in the
 * [BEGIN]/[DONE] prompt, 5 epochs at temperature 0.5 reduced with mean, the answer run against the asserts in the
 * sandbox. `-T subset=full|sanitized`, `-T split=test|train|validation|prompt`.
 */
import type { DatasetRecord } from '@studio/datasets';
import { SCORER } from '../../catalog/benchmark.entry';
import { accuracy, stderr } from '../../metrics';
import { createMbppScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import type { Sample } from '../../types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from '../generative/record-dataset.util';
import { generativeTask, TaskArgumentError, taskArgs, type TaskBody } from '../generative/task-definition.util';
import type { TaskOptions } from '../task.types';

export const MBPP_INSTRUCTION_PROMPT = `You are an expert Python programmer, and here is your task: {prompt} 
Your code should pass these tests:

{tests}

Return your code in the following format, include [BEGIN] and [DONE] tags:
[BEGIN]
<ONLY include your code here, no commentary, no imports, no tests>
[DONE]`;

const SUBSETS = ['full', 'sanitized'];

/** Python truthiness of a record field: missing, null, "" and [] are false. */
function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function stringList(record: DatasetRecord, field: string, fallback?: string[]): string[] {
  const value = record[field];
  if (value === undefined && fallback) return fallback;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`mbpp record has no string list "${field}"`);
  return value as string[];
}

/**
 * `"\n".join(record.get("test_setup_code") or record.get("test_imports") or "")`. For the full subset the field is a
 * string, and joining a string puts a newline between its characters: upstream's non-empty setup code (tasks 367
 * and 927) becomes one character per line, so those tasks cannot pass. Kept as upstream has it.
 */
function setupCode(record: DatasetRecord): string {
  const raw = truthy(record.test_setup_code) ? record.test_setup_code : truthy(record.test_imports) ? record.test_imports : '';
  if (typeof raw === 'string') return [...raw].join('\n');
  if (Array.isArray(raw)) return raw.map(String).join('\n');
  throw new Error('mbpp record has an unreadable test_setup_code/test_imports');
}

/** openbench `record_to_sample`: `text` (full) or `prompt` (sanitized), the tests newline-separated after a newline. */
export function mbppRecordToSample(record: DatasetRecord): Sample {
  const allTests = '\n' + [...stringList(record, 'test_list'), ...stringList(record, 'challenge_test_list', [])].join('\n');
  const taskId = record.task_id;
  if (typeof taskId !== 'number' && typeof taskId !== 'bigint') throw new Error('mbpp record has no task_id');
  const id = Number(taskId);
  const prompt = truthy(record.text) ? record.text : record.prompt;
  return {
    id,
    input: pyFormat(MBPP_INSTRUCTION_PROMPT, { prompt: String(prompt), tests: allTests }),
    target: stringField(record, 'code'),
    metadata: {
      test_setup_code: setupCode(record),
      tests: allTests,
      source_file: record.source_file === undefined ? 'Unknown' : record.source_file,
      task_id: id,
    },
  };
}

function mbpp(options: TaskOptions): TaskBody {
  const { subset, split } = taskArgs('mbpp', options, { subset: 'full', split: 'test' });
  if (!SUBSETS.includes(subset)) throw new TaskArgumentError('subset', `Invalid subset '${subset}'. Available subsets are 'full' or 'sanitized'.`);
  const source = hfParquetShard('google-research-datasets/mbpp', subset, split);
  return {
    dataset: fileDataset('google-research-datasets/mbpp', 'google-research-datasets/mbpp', source, mbppRecordToSample),
    config: { temperature: 0.5 },
    epochs: 5,
    reducers: ['mean'],
    scorer: createMbppScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const mbppTask = generativeTask({
  name: 'mbpp',
  display_name: 'MBPP',
  category: 'core',
  description: 'Mostly Basic Python Problems — code generation tasks with unit test verification',
  tags: ['code', 'generation', 'sandbox', 'reasoning'],
  sample_count: 500, // full/test: task_ids 11-510 (the dataset card's split sizes)
  dataset: { source: 'hf:google-research-datasets/mbpp', subset: 'full', split: 'test' },
  scorer: SCORER.codeExecution,
  requirements: { code_execution: true },
}, mbpp);
