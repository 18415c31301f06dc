/**
 * openbench `hle` and `hle_text` (`src/openbench/evals/hle.py`, `datasets/hle.py`): HLE's system prompt, the question
 * as a content part, graded by a model with HLE's judge prompt. cais/hle stores each question's image as a data-URI
 * string; openbench's `extract_image_bytes` refuses a string, so upstream keeps it in the metadata (`image_url`) and
 * sends the question's text alone. That is reproduced: an image is sent only when the cell holds image bytes.
 */
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, hleMetrics, stderr } from '../../metrics';
import { createHleScorer } from '../../scorers';
import type { Sample, TaskDataset } from '../../types';
import { generativeTask, graderModelFor, intArg, taskArgs, type TaskBody } from '../generative/task-definition.util';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { datasetImage } from '../shared/image.util';
import { samplesOf } from '../shared/record-samples.util';
import type { TaskOptions } from '../task.types';

export const HLE_REPO = 'cais/hle';
export const HLE_DEFAULT_GRADER = 'openai/o3-mini-2025-01-31';
export const HLE_SYSTEM_PROMPT =
  'Your response should be in the following format:\nExplanation: {your explanation for your answer choice}\nAnswer: {your chosen answer}\nConfidence: {your confidence score between 0% and 100% for your answer}';

/** `record_to_sample`. */
export function hleRecordToSample(record: DatasetRecord): Sample {
  const content: Content[] = [{ type: 'text', text: String(record.question) }];
  const metadata: Record<string, unknown> = { question_id: record.id };
  const image = record.image;
  if (image !== undefined && image !== null && image !== '' && image !== false) {
    try {
      const part = datasetImage(image);
      content.push(part);
      metadata.image_url = part.image;
    } catch {
      // A string (cais/hle's data URI) is not image bytes to upstream: it is kept as text and not sent.
      metadata.image_url = String(image);
    }
  }
  return { id: String(record.id), input: [{ role: 'user', content }], target: String(record.answer), metadata };
}

function hleDataset(textOnly: boolean): TaskDataset {
  const name = textOnly ? 'hle_text' : 'hle';
  return {
    name,
    location: name,
    async load(ctx) {
      const samples: Sample[] = [];
      for (const shard of await hfParquetShards(HLE_REPO, 'default', 'test', ctx)) {
        samples.push(...(await samplesOf(await loadRecords({ ...shard, binary: true }, ctx), hleRecordToSample)));
      }
      return textOnly ? samples.filter((sample) => !sample.metadata?.image_url) : samples;
    },
  };
}

function hle(name: string, textOnly: boolean): (options: TaskOptions) => TaskBody {
  return (options) => {
    const args = taskArgs(name, options, { grader_model: HLE_DEFAULT_GRADER, max_tokens: '8192' });
    return {
      dataset: hleDataset(textOnly),
      systemMessage: HLE_SYSTEM_PROMPT,
      config: { temperature: 0.0, max_tokens: intArg(name, 'max_tokens', args.max_tokens) },
      scorer: createHleScorer(),
      metrics: [accuracy(), stderr(), hleMetrics()],
      graderModel: graderModelFor(options, args),
      primaryMetric: 'accuracy',
    };
  };
}

const HLE: BenchmarkEntry = {
  name: 'hle',
  display_name: "Humanity's Last Exam",
  category: 'core',
  description:
    'Multi-modal benchmark at the frontier of human knowledge - 2,500 questions across mathematics, humanities, and natural sciences designed by subject-matter experts globally',
  tags: ['knowledge', 'reasoning', 'multi-modal', 'graded', 'frontier'],
  sample_count: 2500, // openbench's description
  dataset: { source: `hf:${HLE_REPO}`, split: 'test' },
  scorer: 'LLM-graded + calibration',
  requirements: { vision: true, grader_model: HLE_DEFAULT_GRADER },
};

const HLE_TEXT = subtaskOf(HLE, {
  name: 'hle_text',
  display_name: "Humanity's Last Exam (Text-Only)",
  category: 'core',
  description:
    'Text-only variant of HLE with multi-modal questions filtered out - evaluates models without vision capabilities on text-based questions from the frontier of human knowledge',
  tags: ['knowledge', 'reasoning', 'text-only', 'graded', 'frontier'],
  sample_count: null,
  requirements: { grader_model: HLE_DEFAULT_GRADER },
});

export const HLE_TASKS = [generativeTask(HLE, hle('hle', false)), generativeTask(HLE_TEXT, hle('hle_text', true))];
