/**
 * openbench `humaneval` (`evals/humaneval.py`, `datasets/humaneval.py`, `scorers/humaneval.py`; adapted from
 * inspect_evals): the instruction plus the function's signature and docstring, 5 epochs at temperature 0.5, the
 * completion run against the dataset's tests in the sandbox, reduced with mean and pass@1/2/5.
 */
import { SCORER } from '../../catalog/benchmark.entry';
import { accuracy, stderr } from '../../metrics';
import { createHumanevalScorer } from '../../scorers';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from '../generative/record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from '../generative/task-definition.util';
import type { TaskOptions } from '../task.types';

export const HUMANEVAL_INSTRUCTION = `Read the following function signature and docstring, and fully implement
    the function described. Your response should only contain the code for
    this function.`;

function humaneval(options: TaskOptions): TaskBody {
  // `instruction_prompt=None` upstream means the default instruction.
  const { instruction_prompt: instruction } = taskArgs('humaneval', options, { instruction_prompt: HUMANEVAL_INSTRUCTION });
  // hf_dataset("openai_humaneval") is the Hub's openai/openai_humaneval, whose only config is `openai_humaneval`.
  const source = hfParquetShard('openai/openai_humaneval', 'openai_humaneval', 'test');
  return {
    dataset: fileDataset('openai_humaneval', 'openai_humaneval', source, (record) => {
      const prompt = stringField(record, 'prompt');
      return {
        id: stringField(record, 'task_id'),
        input: instruction + prompt,
        target: stringField(record, 'canonical_solution'),
        metadata: { prompt, test: stringField(record, 'test'), entry_point: stringField(record, 'entry_point') },
      };
    }),
    config: { temperature: 0.5 },
    epochs: 5,
    reducers: ['mean', 'pass_at_1', 'pass_at_2', 'pass_at_5'],
    scorer: createHumanevalScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const humanevalTask = generativeTask({
  name: 'humaneval',
  display_name: 'HumanEval',
  category: 'core',
  description: 'Code generation benchmark with 164 programming problems',
  tags: ['coding', 'generation', 'execution'],
  sample_count: 164, // test split; shared/datasets/humaneval
  dataset: { source: 'hf:openai_humaneval', split: 'test' },
  scorer: SCORER.codeExecution,
  requirements: { code_execution: true },
  featured: true,
}, humaneval);
