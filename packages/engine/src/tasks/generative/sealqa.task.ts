/**
 * openbench `sealqa` (`evals/sealqa.py`, `datasets/sealqa.py`, `scorers/sealqa.py`): SealQA's search-hard questions
 * asked without search, graded with SimpleQA's template by gpt-4o-mini. Upstream requires `last_updated`; the only
 * snapshot this engine can read is `latest`, so that is the default here.
 */
import { accuracy, simpleqaMetrics, stderr } from '../../metrics';
import { createSimpleqaScorer } from '../../scorers';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { fileDataset, stringField } from './record-dataset.util';
import { generativeTask, graderModelFor, TaskArgumentError, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'vtllms/sealqa';
export const SEALQA_DEFAULT_GRADER = 'openai/gpt-4o-mini-2024-07-18';
const SUBSETS = ['longseal', 'seal_0', 'seal_hard'];

/**
 * `last_updated` as upstream normalises it. Only `latest` can be read: a dated snapshot is a Hub revision, and the
 * Hub's parquet conversion (what this engine reads) exists for the current revision only.
 */
function checkLastUpdated(value: string): void {
  const normalized = value.toLowerCase().replaceAll(' ', '-').replaceAll('/', '-');
  if (normalized !== 'latest') {
    throw new TaskArgumentError('last_updated', `sealqa: only last_updated=latest can be read by this engine (the Hub converts only its current revision to parquet), got "${value}"`);
  }
}

function sealqa(options: TaskOptions): TaskBody {
  const args = taskArgs('sealqa', options, { last_updated: 'latest', grader_model: SEALQA_DEFAULT_GRADER, subset: 'seal_hard' });
  checkLastUpdated(args.last_updated);
  if (!SUBSETS.includes(args.subset)) {
    throw new TaskArgumentError('subset', `Invalid subset '${args.subset}'. Valid options are: ['${SUBSETS.join("', '")}']`);
  }
  return {
    dataset: fileDataset('sealqa', REPO, hfParquetShard(REPO, args.subset, 'test'), (record) => {
      const metadata = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'question' && key !== 'answer'));
      const id = metadata.id;
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error('SealQA record has no id');
      return { id, input: stringField(record, 'question'), target: stringField(record, 'answer'), metadata };
    }),
    config: { temperature: 0.0 },
    scorer: createSimpleqaScorer('sealqa_scorer'),
    metrics: [accuracy(), stderr(), simpleqaMetrics('sealqa_metrics')],
    graderModel: graderModelFor(options, args),
  };
}

export const sealqaTask = generativeTask({
  name: 'sealqa',
  display_name: 'sealqa',
  category: 'core',
  description: 'Raising the Bar for Reasoning in Search-Augmented Language Models',
  tags: ['factuality', 'question-answering', 'graded'],
  sample_count: null,
  dataset: { source: 'hf:vtllms/sealqa' },
  scorer: SCORER.llmGraded,
  requirements: { grader_model: SEALQA_DEFAULT_GRADER },
}, sealqa);
