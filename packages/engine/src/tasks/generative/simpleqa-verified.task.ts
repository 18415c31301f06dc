/**
 * openbench `simpleqa_verified` (`evals/simpleqa_verified.py`, `datasets/simpleqa_verified.py`): SimpleQA's record
 * conversion, scorer and metrics on Google DeepMind's curated 1,000 questions.
 */
import { accuracy, simpleqaMetrics, stderr } from '../../metrics';
import { createSimpleqaScorer } from '../../scorers';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { SIMPLEQA_DEFAULT_GRADER } from './simpleqa.task';
import { generativeTask, graderModelFor, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'google/simpleqa-verified';

function simpleqaVerified(options: TaskOptions): TaskBody {
  const args = taskArgs('simpleqa_verified', options, { grader_model: SIMPLEQA_DEFAULT_GRADER });
  return {
    dataset: fileDataset('simpleqa_verified', REPO, hfParquetShard(REPO, 'simpleqa_verified', 'eval'), (record, index) => ({
      id: autoId(index),
      input: stringField(record, 'problem'),
      target: stringField(record, 'answer'),
      // SimpleQA's `record.get("metadata", "")`: this dataset has no such column, so it is always "".
      metadata: { metadata: typeof record.metadata === 'string' ? record.metadata : '' },
    })),
    config: { temperature: 0.0 },
    scorer: createSimpleqaScorer('simpleqa_verified_scorer'),
    metrics: [accuracy(), stderr(), simpleqaMetrics()],
    graderModel: graderModelFor(options, args),
  };
}

export const simpleqaVerifiedTask = generativeTask({
  name: 'simpleqa_verified',
  display_name: 'SimpleQA Verified',
  category: 'core',
  description:
    'Rigorously curated benchmark from Google DeepMind measuring short-form factuality with improved data quality, addressing noisy labels, topical biases, and question redundancy',
  tags: ['factuality', 'question-answering', 'graded'],
  sample_count: 1000, // the SimpleQA Verified paper's 1,000 prompts
  dataset: { source: 'hf:google/simpleqa-verified', subset: 'simpleqa_verified', split: 'eval' },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
}, simpleqaVerified);
