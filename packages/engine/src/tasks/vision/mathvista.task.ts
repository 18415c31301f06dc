/**
 * openbench `mathvista` (`src/openbench/evals/mathvista.py`, `datasets/mathvista.py`, `scorers/mathvista.py`):
 * MathVista's pre-formatted query and its image, re-encoded as PIL does (`pil-image.util.ts`), in the order
 * `hf_dataset(shuffle=True, seed=42)` gives (numpy's generator, `numpy-random.util.ts`), scored by rule-based answer
 * extraction with a grader model as the last resort for text answers.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, std, stderr } from '../../metrics';
import { createMathvistaScorer } from '../../scorers/mathvista.scorer';
import { parsePythonFloat } from '../../scorers/python-float.util';
import type { Sample } from '../../types';
import { recordGet } from '../generative/record-dataset.util';
import { generativeTask, graderModelFor, intArg, TaskArgumentError, taskArgs } from '../generative/task-definition.util';
import { hfSplitDataset } from '../shared/hf-split.dataset';
import { extractImageBytes, imageBytesToDataUri } from '../shared/image.util';
import { hfShuffle } from '../shared/numpy-random.util';
import { reencodeAsJpeg } from '../shared/pil-image.util';
import type { RecordToSample } from '../shared/record-samples.util';

export const MATHVISTA_REPO = 'AI4Math/MathVista';
const DEFAULT_GRADER = 'openai/gpt-4-turbo';

export interface MathvistaImageOptions {
  maxDimension: number | null;
  quality: number;
  maxSizeMb: number;
}

/**
 * The image as upstream sends it: re-encoded (`reencodeAsJpeg`), then `compress_image(max_size_mb=…)`, which only
 * acts on an image still above the size limit; that second re-encoding is not ported, so such an image is refused.
 */
function preparedImage(data: unknown, options: MathvistaImageOptions): string {
  const bytes = reencodeAsJpeg(extractImageBytes(data), options);
  if (bytes.length / (1024 * 1024) > options.maxSizeMb) {
    throw new Error(`mathvista: an image of ${bytes.length} bytes exceeds max_size_mb=${options.maxSizeMb}; compress_image's re-encoding of it is not ported`);
  }
  return imageBytesToDataUri(bytes);
}

/** Python `str(x)` of a dataset cell the prompt or target is made of (all strings in MathVista). */
const text = (value: unknown) => (value === null || value === undefined ? 'None' : String(value));

/** `record_to_sample`: the query (else the question) and the image; the fields the scorer reads in the metadata. */
export function mathvistaRecordToSample(record: DatasetRecord, options: MathvistaImageOptions): Sample {
  const pid = text(record.pid);
  const question = text(record.question);
  const query = recordGet(record, 'query', '');
  const content: Content[] = [{ type: 'text', text: typeof query === 'string' && query !== '' ? query : question }];
  const image = record.decoded_image;
  if (image !== undefined && image !== null) content.push({ type: 'image', image: preparedImage(image, options) });
  const metadata: Record<string, unknown> = {
    pid,
    question,
    question_type: record.question_type,
    answer_type: record.answer_type,
    // MathVista keeps these inside `metadata`; upstream reads them at the top level, so they are its defaults.
    category: recordGet(record, 'category', ''),
    task: recordGet(record, 'task', ''),
    context: recordGet(record, 'context', ''),
    grade: recordGet(record, 'grade', ''),
    skills: recordGet(record, 'skills', []),
    unit: recordGet(record, 'unit', null),
    precision: recordGet(record, 'precision', null),
    choices: recordGet(record, 'choices', null),
  };
  const original = record.metadata;
  if (original !== null && original !== undefined && Object.keys(original as object).length > 0) metadata.original_metadata = original;
  return { id: pid, input: [{ role: 'user', content }], target: text(record.answer), metadata };
}

const CONVERTERS = new Map<string, RecordToSample>();

/**
 * One converter per image setting, so that `samplesOf` keeps the converted samples (their images re-encoded once)
 * for every later run with the same file and settings.
 */
function converterFor(options: MathvistaImageOptions): RecordToSample {
  const key = JSON.stringify(options);
  let converter = CONVERTERS.get(key);
  if (!converter) {
    converter = (record) => mathvistaRecordToSample(record, options);
    CONVERTERS.set(key, converter);
  }
  return converter;
}

/** Inspect passes `-T shuffle=false` as a YAML boolean. */
function boolArg(name: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new TaskArgumentError(name, `mathvista: task argument ${name} must be true or false, got "${value}"`);
}

function numberArg(name: string, value: string): number {
  const parsed = parsePythonFloat(value);
  if (parsed === null) throw new TaskArgumentError(name, `mathvista: task argument ${name} must be a number, got "${value}"`);
  return parsed;
}

const MATHVISTA: BenchmarkEntry = {
  name: 'mathvista',
  display_name: 'MathVista',
  category: 'core',
  description:
    'Mathematical Reasoning in Visual Contexts - 6.1K multimodal math problems requiring fine-grained visual understanding across diverse visual contexts',
  tags: ['multimodal', 'math', 'reasoning', 'visual', 'images', 'math-vision'],
  sample_count: 1000, // openbench defaults to split=testmini, which has 1,000 rows (dataset card)
  dataset: { source: `hf:${MATHVISTA_REPO}`, split: 'testmini' },
  scorer: 'rule extraction + LLM fallback',
  requirements: { vision: true, grader_model: DEFAULT_GRADER },
};

export const mathvistaTask = generativeTask(MATHVISTA, (options) => {
  const args = taskArgs('mathvista', options, {
    split: 'testmini',
    question_type: '',
    shuffle: 'true',
    seed: '42',
    grader_model: DEFAULT_GRADER,
    max_dimension: '1536',
    quality: '75',
    max_size_mb: '5.0',
  });
  if (args.split !== 'testmini' && args.split !== 'test') throw new TaskArgumentError('split', `mathvista: split must be testmini or test, got "${args.split}"`);
  const imageOptions: MathvistaImageOptions = {
    maxDimension: args.max_dimension === 'None' ? null : intArg('mathvista', 'max_dimension', args.max_dimension),
    quality: intArg('mathvista', 'quality', args.quality),
    maxSizeMb: numberArg('max_size_mb', args.max_size_mb),
  };
  const shuffle = boolArg('shuffle', args.shuffle);
  const seed = intArg('mathvista', 'seed', args.seed);
  const questionType = args.question_type === '' ? null : args.question_type;
  // Inspect names a filtered dataset `mathvista_<split>`, else after the repository.
  const source = hfSplitDataset(questionType === null ? MATHVISTA_REPO : `mathvista_${args.split}`, MATHVISTA_REPO, 'default', args.split, converterFor(imageOptions), 1);
  return {
    dataset: {
      name: source.name,
      location: source.location,
      shuffled: shuffle,
      async load(ctx) {
        const samples = await source.load(ctx);
        // `datasets.Dataset.shuffle(seed)` reorders the rows before they become samples, one sample per row.
        const ordered = shuffle ? hfShuffle(samples, seed) : [...samples];
        return questionType === null ? ordered : ordered.filter((sample) => sample.metadata?.question_type === questionType);
      },
    },
    config: { max_tokens: 2048 },
    scorer: createMathvistaScorer(),
    metrics: [accuracy(), stderr(), std()],
    graderModel: graderModelFor(options, args),
    primaryMetric: 'accuracy',
  };
});
