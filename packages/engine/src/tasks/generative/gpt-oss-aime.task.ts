/**
 * openbench `gpt_oss_aime25` (`evals/gpt_oss/aime.py`, `datasets/gpt_oss/aime.py`): OpenAI gpt-oss's AIME 2025 eval,
 * both exams of opencompass/AIME2025 in order, eight epochs at temperature 1.0.
 */
import { accuracy, std, stderr } from '../../metrics';
import { createGptOssAimeScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import { SCORER } from '../../catalog/benchmark.entry';
import { loadRecords } from '@studio/datasets';
import type { TaskOptions } from '../task.types';
import type { Sample } from '../../types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

/** `AIME_TEMPLATE`, with its `{{}}` already as `.format` leaves it: a newline before the question, `\boxed{}` after it. */
export const GPT_OSS_AIME_TEMPLATE = '\n{question}\nPlease reason step by step, and put your final answer within \\boxed{}.\n';

const REPO = 'opencompass/AIME2025';

function gptOssAime25(options: TaskOptions): TaskBody {
  taskArgs('gpt_oss_aime25', options, {});
  return {
    dataset: {
      name: 'gpt_oss_aime25',
      location: REPO,
      async load(ctx) {
        // The samples carry no id; Inspect numbers the combined dataset 1..N, exam I first.
        const exams = await Promise.all(['AIME2025-I', 'AIME2025-II'].map((config) => loadRecords(hfParquetShard(REPO, config, 'test'), ctx)));
        return exams.flat().map((record, index): Sample => ({
          id: autoId(index),
          input: pyFormat(GPT_OSS_AIME_TEMPLATE, { question: stringField(record, 'question') }),
          target: stringField(record, 'answer'),
        }));
      },
    },
    config: { temperature: 1.0, max_tokens: 131_072 },
    epochs: 8,
    scorer: createGptOssAimeScorer(),
    metrics: [accuracy(), stderr(), std()],
  };
}

export const gptOssAime25Task = generativeTask({
  name: 'gpt_oss_aime25',
  display_name: 'GPT-OSS AIME 2025',
  category: 'core',
  description: "An exact replica of the aime25 eval from OpenAI's GPT-OSS release",
  tags: ['math', 'competition', 'aime', '2025'],
  sample_count: 30, // AIME 2025 I and II, 15 problems each
  dataset: { source: 'hf:opencompass/AIME2025' },
  scorer: SCORER.boxedInteger,
}, gptOssAime25);
