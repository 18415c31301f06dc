/**
 * openbench `detailbench` (`evals/detailbench.py`, `datasets/detailbench.py`): translate a text in which one number was
 * changed; the judge checks that the translator flagged it.
 */
import { accuracy, stderr } from '../../metrics';
import { createDetailbenchScorer } from '../../scorers';
import { SCORER } from '../../catalog/benchmark.entry';
import type { DatasetRecord } from '@studio/datasets';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset } from './record-dataset.util';
import { generativeTask, graderModelFor, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'xeophon/detailbench';
export const DETAILBENCH_DEFAULT_GRADER = 'openai/gpt-5-mini-2025-08-07';

/** Python `str(record.get(key, ""))`: a missing field is "", a null one "None". */
function field(record: DatasetRecord, key: string): string {
  const value = record[key];
  if (value === undefined) return '';
  return value === null ? 'None' : String(value);
}

function detailbench(options: TaskOptions): TaskBody {
  const args = taskArgs('detailbench', options, { grader_model: DETAILBENCH_DEFAULT_GRADER });
  return {
    dataset: fileDataset('detailbench', REPO, hfParquetShard(REPO, 'default', 'train'), (record, index) => {
      const targetLanguage = field(record, 'target_language');
      const modifiedText = field(record, 'modified_text');
      return {
        id: autoId(index),
        input: `Translate the following text to ${targetLanguage}:\n\n${modifiedText}`,
        target: '',
        metadata: {
          original_text: field(record, 'original_text'),
          modified_text: modifiedText,
          original_number: field(record, 'original_number'),
          modified_number: field(record, 'modified_number'),
          change_position: Math.trunc(Number(record.change_position ?? 0) || 0),
          target_language: targetLanguage,
        },
      };
    }),
    config: { temperature: 1.0 },
    scorer: createDetailbenchScorer(),
    metrics: [accuracy(), stderr()],
    graderModel: graderModelFor(options, args),
  };
}

export const detailbenchTask = generativeTask({
  name: 'detailbench',
  display_name: 'DetailBench',
  category: 'community',
  description: 'Tests whether LLMs notify users about wrong facts in a text while they are tasked to translate said text',
  tags: ['knowledge', 'graded', 'instruction-following'],
  sample_count: null,
  dataset: { source: 'hf:xeophon/detailbench' },
  scorer: SCORER.llmJudge,
  requirements: { grader_model: DETAILBENCH_DEFAULT_GRADER },
}, detailbench);
