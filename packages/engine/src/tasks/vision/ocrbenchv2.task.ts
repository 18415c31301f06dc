/**
 * openbench `ocrbenchv2` (`src/openbench/evals/ocrbenchv2.py`, `datasets/ocrbenchv2.py`, `solvers/ocrbenchv2.py`,
 * `scorers/ocrbenchv2.py`): every row of morpheushoc/OCRBenchv2's test split in `Dataset.shuffle(seed)` order
 * (numpy's generator, `numpy-random.util.ts`), filtered by category and language; one user message of the
 * answer-format instruction, the image saved as JPEG the way the loader's PIL step does (`saveAsJpegLikePil`, when the
 * sample runs) and the question; the category's evaluation (`scorers/ocrbenchv2.scorer.ts`) with accuracy overall
 * and per capability.
 */
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

/** Each sample's image cell, for the solver: converted only when the sample runs (see `ocrbenchv2Solver`). */
const IMAGES = new WeakMap<Sample, unknown>();

/**
 * A row as the loader reads it: null for a row without an image (skipped upstream), else the sample upstream makes of
 * it, less `image_uri`, which the solver adds (the image cell stays in `IMAGES`).
 */
export function ocrbenchv2RecordToSample(record: DatasetRecord): Sample | null {
  const image = recordGet(record, 'image', null);
  if (image === null || image === undefined) return null;
  const datasetName = pyStr(record.dataset_name);
  const category = pyStr(recordGet(record, 'type', ''));
  const answers = Array.isArray(record.answers) ? (record.answers as unknown[]).map((answer) => pyStr(answer)) : [];
  const question = pyStr(record.question);
  const sample: Sample = {
    id: `${datasetName}_${pyStr(record.id)}`,
    input: question,
    target: answers.length > 0 ? answers : [''],
    metadata: {
      dataset_name: datasetName,
      type: category,
      capability: ocrbenchv2Capability(category),
      bbox: recordGet(record, 'bbox', null),
      raw_text: recordGet(record, 'raw_text', null),
      content: recordGet(record, 'content', null),
      image_path: recordGet(record, 'image_path', ''),
      question,
    },
  };
  IMAGES.set(sample, image);
  return sample;
}

/**
 * `ocrbenchv2_solver()`: the instruction, the image and the question in one user message, one generate. Upstream's
 * loader converts every kept image before the first sample runs (the full split is 10,000 images, about 2 s each
 * here for a 1600×2200 page, and several GB as data URIs); the conversion is deterministic, so it is done here for
 * the samples that run, and the data URI joins the sample's metadata as upstream's `image_uri`.
 */
const ocrbenchv2Solver: Solver = {
  name: 'ocrbenchv2_solver',
  params: {},
  async solve({ sample, generate }) {
    const image = IMAGES.get(sample);
    if (image === undefined) throw new Error("KeyError: 'image_uri'");
    const imageUri = imageBytesToDataUri(saveAsJpegLikePil(extractImageBytes(image)));
    const user: ChatMessage = {
      role: 'user',
      content: [
        { type: 'text', text: OCRBENCHV2_INSTRUCTION },
        { type: 'image', image: imageUri },
        { type: 'text', text: sample.input as string },
      ],
    };
    const output = await generate([user]);
    return { output, messages: [user, { role: 'assistant', content: output.completion }], metadata: { image_uri: imageUri } };
  },
};

/**
 * The `categories` argument as Inspect's YAML reading of `-T` gives it: a list (`["a","b"]`) keeps the categories it
 * names; any other text stays a str, which upstream's `category not in categories` tests as a substring.
 */
function categoryFilter(value: string): ((category: string) => boolean) | null {
  if (value === '') return null;
  if (!value.trim().startsWith('[')) return (category) => value.includes(category);
  const list = pythonStringListLiteral(value);
  if (list === null) throw new TaskArgumentError('categories', `ocrbenchv2: categories must be a list of category names, got ${value}`);
  return (category) => list.includes(category);
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
        const rows: (Sample | null)[] = [];
        for (const shard of await hfParquetShards(OCRBENCHV2_REPO, 'default', 'test', ctx)) {
          rows.push(...(await samplesOf(await loadRecords({ ...shard, binary: true }, ctx), ocrbenchv2RecordToSample)));
        }
        // The shuffle reorders the rows; the filters and the image check come after it.
        const ordered = seed === null ? rows : hfShuffle(rows, seed);
        return ordered.filter((sample): sample is Sample => {
          if (sample === null) return false;
          const category = sample.metadata?.type as string;
          return (keepCategory === null || keepCategory(category)) && keepLanguage(category);
        });
      },
    },
    config: {},
    solver: ocrbenchv2Solver,
    scorer: createOcrbenchv2Scorer(),
    metrics: [accuracy(), grouped('capability', [accuracy()], { all: 'groups', allLabel: 'overall' })],
    primaryMetric: 'accuracy',
  };
});
