/** openbench `simpleqa` (`src/openbench/evals/simpleqa.py`, `datasets/simpleqa.py`): model-graded short factual answers. */
import type { DatasetSource } from '@studio/datasets';
import { accuracy, simpleqaMetrics, stderr } from '../../metrics';
import { createSimpleqaScorer } from '../../scorers';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, graderModelFor, taskArgs, type TaskBody } from './task-definition.util';

export const SIMPLEQA_SOURCE: DatasetSource = {
  url: 'https://openaipublic.blob.core.windows.net/simple-evals/simple_qa_test_set.csv',
  format: 'csv',
};

export const SIMPLEQA_DEFAULT_GRADER = 'openai/gpt-4.1-2025-04-14';

function simpleqa(options: TaskOptions): TaskBody {
  const args = taskArgs('simpleqa', options, { grader_model: SIMPLEQA_DEFAULT_GRADER });
  return {
    // The question goes to the model as it is, with no template.
    dataset: fileDataset('simpleqa', SIMPLEQA_SOURCE.url, SIMPLEQA_SOURCE, (record, index) => ({
      id: autoId(index),
      input: stringField(record, 'problem'),
      target: stringField(record, 'answer'),
      metadata: { metadata: typeof record.metadata === 'string' ? record.metadata : '' },
    })),
    config: { temperature: 0.0 },
    scorer: createSimpleqaScorer(),
    metrics: [accuracy(), stderr(), simpleqaMetrics()],
    graderModel: graderModelFor(options, args),
  };
}

export const simpleqaTask = generativeTask({
  name: 'simpleqa',
  display_name: 'SimpleQA',
  category: 'core',
  description: 'Measuring short-form factuality in large language models with simple Q&A pairs',
  tags: ['factuality', 'question-answering', 'graded'],
  sample_count: 4326, // all rows of the simple-evals CSV (SimpleQA paper)
  dataset: { source: SIMPLEQA_SOURCE.url },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
  featured: true,
}, simpleqa);
