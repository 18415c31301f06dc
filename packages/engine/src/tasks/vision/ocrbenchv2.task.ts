/**
 * openbench `ocrbenchv2` (`src/openbench/evals/ocrbenchv2.py`, `datasets/ocrbenchv2.py`, `solvers/ocrbenchv2.py`,
 * `scorers/ocrbenchv2.py`): every row of morpheushoc/OCRBenchv2's test split in `Dataset.shuffle(seed)` order
 * (numpy's generator, `numpy-random.util.ts`), filtered by category and language, its image saved as JPEG the way
 * the loader's PIL step does (`saveAsJpegLikePil`); one user message of the answer-format instruction, the image and
 * the question; the category's evaluation (`scorers/ocrbenchv2.scorer.ts`) with accuracy overall and per capability.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { ChatMessage } from '@studio/providers';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, grouped } from '../../metrics';
import { createOcrbenchv2Scorer, OCRBENCHV2_CN_CATEGORIES, ocrbenchv2Capability } from '../../scorers/ocrbenchv2.scorer';
import { pyStr } from '../../scorers/python-str.util';
import { pythonStringListLiteral } from '../shared/python-literal.util';
import type { Sample, Solver } from '../../types';
import { recordGet } from '../generative/record-dataset.util';
import { generativeTask, intArg, taskArgs, TaskArgumentError } from '../generative/task-definition.util';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { extractImageBytes, imageBytesToDataUri } from '../shared/image.util';
import { hfShuffle } from '../shared/numpy-random.util';
import { saveAsJpegLikePil } from '../shared/pil-image.util';
import { samplesOf } from '../shared/record-samples.util';

export const OCRBENCHV2_REPO = 'morpheushoc/OCRBenchv2';

/** The solver's first text part, sent before the image. */
export const OCRBENCHV2_INSTRUCTION =
  "Provide the final answer with no additional text or explanation. Preserve exact formatting including capitalization, spacing, and line breaks as shown in the image. For multiple choice questions, provide ONLY the single letter option (e.g., 'A' not 'A, B' or 'A and B').";

/** A row of the split: its category for the filters, and its sample, built (the image re-encoded) once when first kept. */
interface OcrbenchRow {
  category: string;
  sample(): Sample;
}

/**
 * A row as the loader reads it: null for a row without an image (skipped upstream). Its image is converted only
 * when the row passes the filters, as upstream converts it after them (an image PIL cannot save fails the load only
 * then). The image travels in the metadata as upstream's `image_uri`; the solver puts it in the message.
 */
export function ocrbenchv2Row(record: DatasetRecord): OcrbenchRow | null {
  const image = recordGet(record, 'image', null);
  if (image === null || image === undefined) return null;
  const category = pyStr(recordGet(record, 'type', ''));
  let built: Sample | undefined;
  return {
    category,
    sample() {
      built ??= ocrbenchv2Sample(record, category, image);
      return built;
    },
  };
}

function ocrbenchv2Sample(record: DatasetRecord, category: string, image: unknown): Sample {
  const datasetName = pyStr(record.dataset_name);
  const answers = Array.isArray(record.answers) ? (record.answers as unknown[]).map((answer) => pyStr(answer)) : [];
  const question = pyStr(record.question);
  return {
    id: `${datasetName}_${pyStr(record.id)}`,
    input: question,
    target: answers.length > 0 ? answers : [''],
    metadata: {
      dataset_name: datasetName,
      type: category,
      capability: ocrbenchv2Capability(category),
      image_uri: imageBytesToDataUri(saveAsJpegLikePil(extractImageBytes(image))),
      bbox: recordGet(record, 'bbox', null),
      raw_text: recordGet(record, 'raw_text', null),
      content: recordGet(record, 'content', null),
      image_path: recordGet(record, 'image_path', ''),
      question,
    },
  };
}

/** `ocrbenchv2_solver()`: the instruction, the image and the question in one user message, one generate. */
const ocrbenchv2Solver: Solver = {
  name: 'ocrbenchv2_solver',
  params: {},
  async solve({ sample, generate }) {
    const imageUri = sample.metadata?.image_uri;
    if (typeof imageUri !== 'string') throw new Error("KeyError: 'image_uri'");
    const user: ChatMessage = {
      role: 'user',
      content: [
        { type: 'text', text: OCRBENCHV2_INSTRUCTION },
        { type: 'image', image: imageUri },
        { type: 'text', text: sample.input as string },
      ],
    };
    const output = await generate([user]);
    return { output, messages: [user, { role: 'assistant', content: output.completion }] };
  },
};

/**
 * The `categories` argument as Inspect's YAML reading of `-T` gives it: a list (`["a","b"]`) keeps the categories it
 * names; any other text stays a str, which upstream's `category not in categories` tests as a substring.
 */
function categoryFilter(value: string): ((category: string) => boolean) | null {
  if (value === '') return null;
  const list = value.trim().startsWith('[') ? pythonStringListLiteral(value) : null;
  if (value.trim().startsWith('[') && list === null) throw new TaskArgumentError('categories', `ocrbenchv2: categories must be a list of category names, got ${value}`);
  return list === null ? (category) => value.includes(category) : (category) => list.includes(category);
}

const OCRBENCHV2: BenchmarkEntry = {
  name: 'ocrbenchv2',
  display_name: 'OCRBench v2',
  category: 'core',
  description: 'Visual text localization and reasoning benchmark across 31 diverse OCR and document understanding scenarios',
  tags: ['multimodal', 'vision-language', 'ocr', 'document-understanding', 'images', 'vision'],
  sample_count: 10000, // the test split's rows (dataset card); every row has an image
  dataset: { source: `hf:${OCRBENCHV2_REPO}`, split: 'test' },
  scorer: 'OCRBench v2 metrics',
  requirements: { vision: true },
};

export const ocrbenchv2Task = generativeTask(OCRBENCHV2, (options) => {
  const args = taskArgs(OCRBENCHV2.name, options, { categories: '', language: 'all', seed: '42' });
  const keepCategory = categoryFilter(args.categories);
  // `seed=None` reads the rows unshuffled.
  const seed = args.seed === 'None' ? null : intArg(OCRBENCHV2.name, 'seed', args.seed);
  const keepLanguage = (category: string) =>
    args.language === 'en' ? !OCRBENCHV2_CN_CATEGORIES.has(category) : args.language === 'cn' ? OCRBENCHV2_CN_CATEGORIES.has(category) : true;
  return {
    dataset: {
      name: 'OCRBench v2',
      location: OCRBENCHV2_REPO,
      async load(ctx) {
        const rows: (OcrbenchRow | null)[] = [];
        for (const shard of await hfParquetShards(OCRBENCHV2_REPO, 'default', 'test', ctx)) {
          rows.push(...(await samplesOf(await loadRecords({ ...shard, binary: true }, ctx), ocrbenchv2Row)));
        }
        // The shuffle reorders the rows; the filters, the image check and the image conversion come after it.
        const ordered = seed === null ? rows : hfShuffle(rows, seed);
        const samples: Sample[] = [];
        for (const row of ordered) {
          if (row === null || (keepCategory !== null && !keepCategory(row.category)) || !keepLanguage(row.category)) continue;
          // One image per turn of the event loop, so that a run starting does not hold up the runs in progress.
          await nextTurn();
          samples.push(row.sample());
        }
        return samples;
      },
    },
    config: {},
    solver: ocrbenchv2Solver,
    scorer: createOcrbenchv2Scorer(),
    metrics: [accuracy(), grouped('capability', [accuracy()], { all: 'groups', allLabel: 'overall' })],
    primaryMetric: 'accuracy',
  };
});
