/**
 * openbench `hle` and `hle_text` (`evals/hle.py`, `datasets/hle.py`): Humanity's Last Exam under HLE's system prompt,
 * judged by the HLE judge prompt (`src/scorers/hle.scorer.ts`), with accuracy, stderr and the average confidence.
 *
 * The `image` column of cais/hle is a string (the image's data URI, empty for text questions). Upstream's
 * `extract_image_bytes` takes only bytes, an Image-feature dict or a PIL image, so for that string it raises, and
 * `record_to_sample` then keeps the data URI in `metadata.image_url` without adding the image to the prompt: openbench
 * sends image questions as their text alone. This port does the same, so its scores match openbench's; `hle_text`
 * drops the questions with an `image_url`.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, hleMetrics, stderr } from '../../metrics';
import { createHleScorer } from '../../scorers';
import type { Sample, TaskDataset } from '../../types';
import { stringField } from '../generative/record-dataset.util';
import { generativeTask, graderModelFor, intArg, taskArgs } from '../generative/task-definition.util';
import { hfSplitDataset } from '../shared/hf-split.dataset';
import { datasetImage } from '../shared/image.util';
import type { BenchmarkTask } from '../task.types';

export const HLE_REPO = 'cais/hle';
const DEFAULT_GRADER = 'openai/o3-mini-2025-01-31';
export const HLE_SYSTEM_PROMPT =
  'Your response should be in the following format:\nExplanation: {your explanation for your answer choice}\nAnswer: {your chosen answer}\nConfidence: {your confidence score between 0% and 100% for your answer}';

/** Python truthiness of a record cell: None, empty strings, lists and dicts are false. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** `record_to_sample`: the question, then its image where the cell holds image data (never a string: see above). */
export function hleRecordToSample(record: DatasetRecord): Sample {
  const content: Content[] = [{ type: 'text', text: stringField(record, 'question') }];
  const metadata: Record<string, unknown> = { question_id: stringField(record, 'id') };
  const image = record.image;
  if (truthy(image)) {
    try {
      const part = datasetImage(image);
      content.push(part);
      metadata.image_url = part.image;
    } catch {
      metadata.image_url = typeof image === 'string' ? image : String(image);
    }
  }
  return { id: stringField(record, 'id'), input: [{ role: 'user', content }], target: stringField(record, 'answer'), metadata };
}

/** `get_dataset(text_only)`: every question, or only those without an image. */
function hleDataset(textOnly: boolean): TaskDataset {
  const all = hfSplitDataset(textOnly ? 'hle_text' : 'hle', HLE_REPO, 'default', 'test', (record) => hleRecordToSample(record));
  if (!textOnly) return all;
  return { ...all, load: async (ctx) => (await all.load(ctx)).filter((sample) => !truthy(sample.metadata?.image_url)) };
}

function hleTask(benchmark: BenchmarkEntry, textOnly: boolean): BenchmarkTask {
  return generativeTask(benchmark, (options) => {
    const args = taskArgs(benchmark.name, options, { grader_model: DEFAULT_GRADER, max_tokens: '8192' });
    return {
      dataset: hleDataset(textOnly),
      systemMessage: HLE_SYSTEM_PROMPT,
      config: { temperature: 0.0, max_tokens: intArg(benchmark.name, 'max_tokens', args.max_tokens) },
      scorer: createHleScorer(),
      metrics: [accuracy(), stderr(), hleMetrics()],
      graderModel: graderModelFor(options, args),
      primaryMetric: 'accuracy',
    };
  });
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
  requirements: { vision: true, grader_model: DEFAULT_GRADER },
};

export const HLE_TASKS: readonly BenchmarkTask[] = [
  hleTask(HLE, false),
  hleTask(
    subtaskOf(HLE, {
      name: 'hle_text',
      display_name: "Humanity's Last Exam (Text-Only)",
      category: 'core',
      description:
        'Text-only variant of HLE with multi-modal questions filtered out - evaluates models without vision capabilities on text-based questions from the frontier of human knowledge',
      tags: ['knowledge', 'reasoning', 'text-only', 'graded', 'frontier'],
      sample_count: null,
      requirements: { grader_model: DEFAULT_GRADER },
    }),
    true,
  ),
];
