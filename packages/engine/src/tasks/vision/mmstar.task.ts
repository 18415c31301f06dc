/**
 * openbench `mmstar` (`src/openbench/evals/mmstar.py`, `datasets/mmstar.py`, `solvers/mmstar.py`,
 * `scorers/mmstar.py`): each question is asked twice, with its image and without it, under the original system
 * message; the with-image answer is scored, and both feed the multi-modal gain.
 */
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { ChatMessage } from '@studio/providers';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, mmstarMetrics, stderr } from '../../metrics';
import { pyJsonDumps, pyJsonFromJs } from '../../scorers/python-json.util';
import { pyStrip } from '../../scorers/python-text.util';
import { targetText } from '../../scorers/target.util';
import type { Sample, Score, Scorer, Solver } from '../../types';
import { generativeTask, TaskArgumentError, taskArgs } from '../generative/task-definition.util';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { imageBytesToDataUri, extractImageBytes } from '../shared/image.util';
import { samplesOf } from '../shared/record-samples.util';

export const MMSTAR_REPO = 'Lin-Chen/MMStar';

export function mmstarSource() {
  return { ...hfParquetShard(MMSTAR_REPO, 'default', 'val'), binary: true };
}

/** `record_to_sample`: the prompt is built by the solver; the image travels in the metadata as a data URI. */
export function mmstarRecordToSample(record: DatasetRecord): Sample {
  const metaInfo = record.meta_info;
  const metadata: Record<string, unknown> = { ...(metaInfo !== null && typeof metaInfo === 'object' ? (metaInfo as Record<string, unknown>) : {}) };
  metadata.category = record.category ?? null;
  metadata.subcategory = record.l2_category ?? null;
  metadata.question = record.question ?? null;
  const image = record.image;
  if (image) {
    try {
      metadata.image_uri = imageBytesToDataUri(extractImageBytes(image));
    } catch {
      // Upstream skips an image in a format it cannot read.
    }
  }
  return { id: record.index as number, input: '', target: String(record.answer ?? ''), metadata };
}

const SYSTEM = 'Return your answer as a single uppercase letter with no additional text. Even if you are unsure, return your best guess as a single uppercase letter.';

/** `mmstar_solver()` without a base model: the answers with and without the image, as the JSON the scorer reads. */
const mmstarSolver: Solver = {
  name: 'mmstar_solver',
  params: { base_model: null },
  async solve({ sample, messages, generate }) {
    const metadata = sample.metadata ?? {};
    if (typeof metadata.image_uri !== 'string') throw new Error("KeyError: 'image_uri'");
    const question = pyStrip(String(metadata.question));
    const imageUri = pyStrip(metadata.image_uri);
    const system: ChatMessage = { role: 'system', content: SYSTEM };
    const withVision = await generate([system, { role: 'user', content: [{ type: 'image', image: imageUri }, { type: 'text', text: question }] }]);
    const withoutVision = await generate([system, { role: 'user', content: [{ type: 'text', text: question }] }]);
    const completion = pyJsonDumps(
      pyJsonFromJs({
        with_vision_answer: withVision.completion,
        without_vision_answer: withoutVision.completion,
        text_base_answer: '',
        category: metadata.category,
        subcategory: metadata.subcategory,
        image_path: metadata.image_path,
        question: metadata.question,
        base_model: null,
      }),
      { indent: 2 },
    );
    const usage = {
      input_tokens: withVision.usage.input_tokens + withoutVision.usage.input_tokens,
      output_tokens: withVision.usage.output_tokens + withoutVision.usage.output_tokens,
      total_tokens: withVision.usage.total_tokens + withoutVision.usage.total_tokens,
    };
    // The solver calls the model directly and sets only the output's text; the conversation stays the (empty) input.
    return {
      messages,
      output: {
        model: withVision.model,
        completion,
        stop_reason: 'stop',
        usage,
        time_ms: withVision.time_ms + withoutVision.time_ms,
        retries: withVision.retries + withoutVision.retries,
      },
    };
  },
};

const normalized = (text: unknown) => pyStrip(String(text ?? '')).toUpperCase().replaceAll('\n', '');

/** `mmstar_scorer()`: the with-image answer against the target; both answers' scores kept for the metrics. */
const mmstarScorer: Scorer = {
  name: 'mmstar_scorer',
  async score({ sample, completion }): Promise<Score> {
    const target = normalized(targetText(sample.target));
    const responses = JSON.parse(completion) as Record<string, unknown>;
    const withVision = normalized(responses.with_vision_answer ?? '');
    const sv = withVision === target ? 1.0 : 0.0;
    const swv = normalized(responses.without_vision_answer ?? '') === target ? 1.0 : 0.0;
    const st = normalized(responses.text_base_answer ?? '') === target ? 1.0 : 0.0;
    const metadata = sample.metadata ?? {};
    for (const key of ['category', 'subcategory', 'image_path', 'question']) {
      if (!Object.hasOwn(metadata, key)) throw new Error(`KeyError: '${key}'`);
    }
    return {
      value: sv,
      answer: withVision,
      metadata: {
        category: metadata.category,
        subcategory: metadata.subcategory,
        image_path: metadata.image_path,
        question: metadata.question,
        with_vision_score: sv,
        without_vision_score: swv,
        text_base_score: st,
      },
    };
  },
};

const MMSTAR: BenchmarkEntry = {
  name: 'mmstar',
  display_name: 'MMStar',
  category: 'core',
  description: 'MMStar benchmark for measuring multi-modal gain and leakage via coordinated vision and text ablations',
  tags: ['vision', 'multi-modal', 'leakage', 'perception', 'reasoning'],
  sample_count: null,
  dataset: { source: `hf:${MMSTAR_REPO}` },
  scorer: 'MCQ letter',
  requirements: { vision: true },
};

export const mmstarTask = generativeTask(MMSTAR, (options) => {
  const { base_model } = taskArgs(MMSTAR.name, options, { base_model: '' });
  if (base_model !== '') {
    throw new TaskArgumentError('base_model', 'mmstar: base_model (a second, text-only model for the leakage metric) is not supported by this engine');
  }
  return {
    dataset: {
      name: MMSTAR_REPO,
      location: MMSTAR_REPO,
      async load(ctx) {
        return samplesOf(await loadRecords(mmstarSource(), ctx), mmstarRecordToSample);
      },
    },
    config: {},
    solver: mmstarSolver,
    scorer: mmstarScorer,
    metrics: [accuracy(), stderr(), mmstarMetrics()],
    primaryMetric: 'accuracy',
  };
});
