/** openbench `gsm_plus` and `gsm_plus_mini` (`src/openbench/evals/gsm_plus.py`): GSM8K's prompt and scorer on GSM-Plus. */
import { accuracy, stderr } from '../../metrics';
import { createGradeSchoolMathScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import { SCORER, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { GSM8K_PROMPT_TEMPLATE } from './gsm8k.task';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'qintongli/GSM-Plus';

function gsmPlus(name: string, defaultSplit: string) {
  return (options: TaskOptions): TaskBody => {
    const { split } = taskArgs(name, options, { split: defaultSplit });
    return {
      dataset: fileDataset(name, REPO, hfParquetShard(REPO, 'default', split), (record, index) => ({
        id: autoId(index),
        // The same template as gsm8k, word for word.
        input: pyFormat(GSM8K_PROMPT_TEMPLATE, { question: stringField(record, 'question') }),
        target: String(record.answer),
        metadata: {
          answer_prefix: 'Answer',
          perturbation_type: typeof record.perturbation_type === 'string' ? record.perturbation_type : '',
        },
      })),
      config: { temperature: 0.0, max_tokens: 2048 },
      scorer: createGradeSchoolMathScorer(),
      metrics: [accuracy(), stderr()],
    };
  };
}

const GSM_PLUS: BenchmarkEntry = {
  name: 'gsm_plus',
  display_name: 'GSM-Plus',
  category: 'core',
  description: 'GSM-Plus robustness benchmark with perturbations to test math reasoning stability',
  tags: ['math', 'reasoning', 'robustness', 'word-problems'],
  // The full GSM-Plus test set (10,552 perturbed questions, GSM-Plus paper); gsm_plus_mini is the 2,400 testmini.
  sample_count: 10552,
  dataset: { source: 'hf:qintongli/GSM-Plus', split: 'test' },
  scorer: SCORER.numericAnswer,
};

export const GSM_PLUS_TASKS = [
  generativeTask(GSM_PLUS, gsmPlus('gsm_plus', 'test')),
  generativeTask(
    subtaskOf(GSM_PLUS, {
      name: 'gsm_plus_mini',
      display_name: 'GSM-Plus Mini',
      category: 'core',
      description: 'GSM-Plus smaller test set (2400 samples)',
      tags: ['math', 'reasoning', 'robustness', 'word-problems'],
      sample_count: 2400, // openbench's description
      dataset: { source: 'hf:qintongli/GSM-Plus', split: 'testmini' },
    }),
    gsmPlus('gsm_plus_mini', 'testmini'),
  ),
];
