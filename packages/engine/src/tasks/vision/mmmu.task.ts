/**
 * openbench `mmmu`, its subject keys, `mmmu_mcq` and `mmmu_open` (`src/openbench/evals/mmmu.py`,
 * `datasets/mmmu.py`): one user message of the question's text followed by its images (up to seven), inline.
 */
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { Content } from '@studio/providers';
import { SCORER, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { accuracy, grouped, std, stderr } from '../../metrics';
import { createMcqScorer, createMmmuMixedScorer } from '../../scorers';
import { pyStrip } from '../../scorers/python-text.util';
import type { Metric, Sample, TaskDataset } from '../../types';
import { taskArgs, type TaskBody } from '../generative/task-definition.util';
import { fourOptionPrompt } from '../mcq/mcq-prompt.util';
import { mcqMetrics } from '../mcq/mcq-task.factory';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { datasetImage } from '../shared/image.util';
import { pythonStringListLiteral } from '../shared/python-literal.util';
import { samplesOf } from '../shared/record-samples.util';
import type { BenchmarkTask, TaskOptions } from '../task.types';

const REPO = 'MMMU/MMMU';

/** `get_available_subsets()`, in upstream's order: the configs `mmmu` reads one after the other. */
export const MMMU_SUBJECTS = [
  'Accounting',
  'Agriculture',
  'Architecture_and_Engineering',
  'Art',
  'Art_Theory',
  'Basic_Medical_Science',
  'Biology',
  'Chemistry',
  'Clinical_Medicine',
  'Computer_Science',
  'Design',
  'Diagnostics_and_Laboratory_Medicine',
  'Economics',
  'Electronics',
  'Energy_and_Power',
  'Finance',
  'Geography',
  'History',
  'Literature',
  'Manage',
  'Marketing',
  'Materials',
  'Math',
  'Mechanical_Engineering',
  'Music',
  'Pharmacy',
  'Physics',
  'Psychology',
  'Public_Health',
  'Sociology',
] as const;

/** The parquet shard of one subject's split, its images kept as bytes. */
export function mmmuSource(subject: string, split: string) {
  return { ...hfParquetShard(REPO, subject, split), binary: true };
}

/** Python `str()` of a record value that is text or missing. */
const pyStr = (value: unknown): string => (value === null || value === undefined ? 'None' : String(value));

/** The record's value, or `fallback` when the column is absent (`record.get(key, fallback)`). */
const get = (record: DatasetRecord, key: string, fallback: unknown): unknown => (Object.hasOwn(record, key) ? record[key] : fallback);

/** `record_to_sample`. */
export function mmmuRecordToSample(record: DatasetRecord): Sample {
  const question = pyStr(record.question);
  let options: unknown = record.options;
  const questionType = pyStr(get(record, 'question_type', 'multiple-choice')).toLowerCase();

  // Options come as the repr of a Python list; upstream parses it with ast.literal_eval and keeps the text otherwise.
  if (typeof options === 'string') {
    const trimmed = pyStrip(options);
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) options = pythonStringListLiteral(options) ?? options;
  }

  let fullQuestion: string;
  if (questionType === 'multiple-choice') {
    if (Array.isArray(options)) {
      // Upstream pads the list itself (the metadata shows the padding) and uses the first four.
      while (options.length < 4) options.push('');
      const [a, b, c, d] = options.slice(0, 4).map((option) => String(option));
      fullQuestion = fourOptionPrompt(question, [a, b, c, d]);
    } else {
      fullQuestion =
        `${question}\n\nOptions: ${pyStr(options)}\n\n` +
        "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD.";
    }
  } else {
    fullQuestion = `${question}\n\nAnswer succinctly.`;
  }

  const content: Content[] = [{ type: 'text', text: fullQuestion }];
  for (let i = 1; i < 8; i++) {
    const image = record[`image_${i}`];
    if (image !== undefined && image !== null) content.push(datasetImage(image));
  }

  return {
    id: pyStr(record.id),
    input: [{ role: 'user', content }],
    target: pyStr(record.answer),
    metadata: {
      question_id: record.id,
      options,
      img_type: get(record, 'img_type', []),
      topic_difficulty: get(record, 'topic_difficulty', ''),
      question_type: get(record, 'question_type', 'multiple-choice'),
      subfield: get(record, 'subfield', ''),
      explanation: get(record, 'explanation', ''),
      num_images: content.length - 1,
      question,
      answer: record.answer,
    },
  };
}

/** `get_dataset(subset, split, question_type)`: one subject or all of them in order, optionally one question type. */
function mmmuDataset(subset: string | undefined, split: string, questionType: string | undefined): TaskDataset {
  const subjects = subset === undefined ? MMMU_SUBJECTS : [subset];
  const name = subset === undefined ? 'mmmu' : `mmmu_${subset.toLowerCase()}`;
  return {
    name,
    // A MemoryDataset has no location; its name stands in, as for other combined datasets.
    location: name,
    async load(ctx) {
      const samples: Sample[] = [];
      for (const subject of subjects) samples.push(...(await samplesOf(await loadRecords(mmmuSource(subject, split), ctx), mmmuRecordToSample)));
      if (questionType === undefined) return samples;
      return samples.filter((sample) => pyStr(sample.metadata?.question_type ?? 'multiple-choice').toLowerCase() === questionType);
    },
  };
}

const GROUP_KEYS = ['subfield', 'topic_difficulty'] as const;

/** `mmmu_mixed_scorer(group_keys=["subfield", "topic_difficulty"])`'s metrics: its grouped metrics keep their `all` aggregate. */
function mixedMetrics(): Metric[] {
  return [accuracy(), stderr(), std(), ...GROUP_KEYS.map((key) => grouped(key, [accuracy(), stderr(), std()]))];
}

type Variant = 'mixed' | 'multiple-choice' | 'open';

/** The body of `mmmu(subset, split)`, `mmmu_mcq(...)` or `mmmu_open(...)`, named as upstream names the task. */
function mmmuBody(variant: Variant, subset: string | undefined, split: string): TaskBody & { name: string } {
  const prefix = variant === 'mixed' ? 'mmmu' : variant === 'open' ? 'mmmu_open' : 'mmmu_mcq';
  return {
    name: subset === undefined ? prefix : `${prefix}_${subset.toLowerCase()}`,
    dataset: mmmuDataset(subset, split, variant === 'mixed' ? undefined : variant),
    config: { max_tokens: 1024 },
    scorer: variant === 'multiple-choice' ? createMcqScorer() : createMmmuMixedScorer(),
    metrics: variant === 'multiple-choice' ? mcqMetrics(GROUP_KEYS) : mixedMetrics(),
    primaryMetric: 'accuracy',
  };
}

/** A task taking upstream's `subset` and `split` arguments (`-T subset=Art -T split=dev`). */
function argumentTask(benchmark: BenchmarkEntry, variant: Variant): BenchmarkTask {
  return {
    benchmark,
    create(options: TaskOptions) {
      const args = taskArgs(benchmark.name, options, { subset: '', split: 'validation' });
      const { name, ...body } = mmmuBody(variant, args.subset === '' ? undefined : args.subset, args.split);
      return { name, displayName: benchmark.display_name, ...body };
    },
  };
}

/** A subject key (`mmmu_art` is `mmmu(subset="Art")`), which takes no arguments. */
function subjectTask(benchmark: BenchmarkEntry, subject: string): BenchmarkTask {
  return {
    benchmark,
    create(options: TaskOptions) {
      taskArgs(benchmark.name, options, {});
      const { name, ...body } = mmmuBody('mixed', subject, 'validation');
      return { name, displayName: benchmark.display_name, ...body };
    },
  };
}

const MMMU: BenchmarkEntry = {
  name: 'mmmu',
  display_name: 'MMMU',
  category: 'core',
  description:
    'Massive Multi-discipline Multimodal Understanding and Reasoning Benchmark with 11.5K questions across 30 subjects from college exams, quizzes, and textbooks',
  tags: ['multimodal', 'multiple-choice', 'reasoning', 'college-level', 'images'],
  sample_count: null,
  dataset: { source: `hf:${REPO}` },
  scorer: 'MCQ letter + open answer',
  requirements: { vision: true },
};

interface SubjectEntry {
  subject: (typeof MMMU_SUBJECTS)[number];
  display_name: string;
  category?: string;
  description: string;
  tags: readonly string[];
}

/**
 * The subject keys in openbench's catalog (`config.py`), in its order, with its names, descriptions and tags.
 * `mmmu_computer_science`, `mmmu_economics` and `mmmu_psychology` are registered tasks upstream but have no catalog
 * entry there, so they have none here either.
 */
const SUBJECT_ENTRIES: readonly SubjectEntry[] = [
  { subject: 'Art', display_name: 'MMMU Art', description: 'MMMU Art subset focusing on art and visual design questions', tags: ['multimodal', 'multiple-choice', 'art', 'visual-design', 'images'] },
  { subject: 'Biology', display_name: 'MMMU Biology', description: 'MMMU Biology subset focusing on biological sciences', tags: ['multimodal', 'multiple-choice', 'biology', 'science', 'images'] },
  { subject: 'Chemistry', display_name: 'MMMU Chemistry', description: 'MMMU Chemistry subset focusing on chemical sciences', tags: ['multimodal', 'multiple-choice', 'chemistry', 'science', 'images'] },
  { subject: 'Math', display_name: 'MMMU Math', category: 'math', description: 'MMMU Mathematics subset focusing on mathematical reasoning', tags: ['multimodal', 'multiple-choice', 'mathematics', 'reasoning', 'images'] },
  { subject: 'Physics', display_name: 'MMMU Physics', description: 'MMMU Physics subset focusing on physics and physical sciences', tags: ['multimodal', 'multiple-choice', 'physics', 'science', 'images'] },
  { subject: 'Accounting', display_name: 'MMMU Accounting', description: 'MMMU Accounting subset focusing on accounting principles and practices', tags: ['multimodal', 'multiple-choice', 'accounting', 'business', 'images'] },
  { subject: 'Agriculture', display_name: 'MMMU Agriculture', description: 'MMMU Agriculture subset focusing on agricultural sciences and practices', tags: ['multimodal', 'multiple-choice', 'agriculture', 'science', 'images'] },
  { subject: 'Architecture_and_Engineering', display_name: 'MMMU Architecture and Engineering', description: 'MMMU Architecture and Engineering subset focusing on engineering design and architecture', tags: ['multimodal', 'multiple-choice', 'architecture', 'engineering', 'design', 'images'] },
  { subject: 'Art_Theory', display_name: 'MMMU Art Theory', description: 'MMMU Art Theory subset focusing on art history and theoretical concepts', tags: ['multimodal', 'multiple-choice', 'art', 'theory', 'history', 'images'] },
  { subject: 'Basic_Medical_Science', display_name: 'MMMU Basic Medical Science', description: 'MMMU Basic Medical Science subset focusing on fundamental medical knowledge', tags: ['multimodal', 'multiple-choice', 'medicine', 'science', 'health', 'images'] },
  { subject: 'Clinical_Medicine', display_name: 'MMMU Clinical Medicine', description: 'MMMU Clinical Medicine subset focusing on clinical medical practice', tags: ['multimodal', 'multiple-choice', 'medicine', 'clinical', 'health', 'images'] },
  { subject: 'Design', display_name: 'MMMU Design', description: 'MMMU Design subset focusing on design principles and practices', tags: ['multimodal', 'multiple-choice', 'design', 'visual', 'creative', 'images'] },
  { subject: 'Diagnostics_and_Laboratory_Medicine', display_name: 'MMMU Diagnostics and Laboratory Medicine', description: 'MMMU Diagnostics and Laboratory Medicine subset focusing on medical diagnostics', tags: ['multimodal', 'multiple-choice', 'medicine', 'diagnostics', 'laboratory', 'images'] },
  { subject: 'Electronics', display_name: 'MMMU Electronics', description: 'MMMU Electronics subset focusing on electronic systems and circuits', tags: ['multimodal', 'multiple-choice', 'electronics', 'engineering', 'technology', 'images'] },
  { subject: 'Energy_and_Power', display_name: 'MMMU Energy and Power', description: 'MMMU Energy and Power subset focusing on energy systems and power generation', tags: ['multimodal', 'multiple-choice', 'energy', 'power', 'engineering', 'images'] },
  { subject: 'Finance', display_name: 'MMMU Finance', description: 'MMMU Finance subset focusing on financial concepts and analysis', tags: ['multimodal', 'multiple-choice', 'finance', 'business', 'economics', 'images'] },
  { subject: 'Geography', display_name: 'MMMU Geography', description: 'MMMU Geography subset focusing on geographical knowledge and analysis', tags: ['multimodal', 'multiple-choice', 'geography', 'earth-science', 'spatial', 'images'] },
  { subject: 'History', display_name: 'MMMU History', description: 'MMMU History subset focusing on historical knowledge and analysis', tags: ['multimodal', 'multiple-choice', 'history', 'humanities', 'culture', 'images'] },
  { subject: 'Literature', display_name: 'MMMU Literature', description: 'MMMU Literature subset focusing on literary analysis and knowledge', tags: ['multimodal', 'multiple-choice', 'literature', 'humanities', 'language', 'images'] },
  { subject: 'Manage', display_name: 'MMMU Management', description: 'MMMU Management subset focusing on management principles and practices', tags: ['multimodal', 'multiple-choice', 'management', 'business', 'leadership', 'images'] },
  { subject: 'Marketing', display_name: 'MMMU Marketing', description: 'MMMU Marketing subset focusing on marketing strategies and concepts', tags: ['multimodal', 'multiple-choice', 'marketing', 'business', 'communication', 'images'] },
  { subject: 'Materials', display_name: 'MMMU Materials', description: 'MMMU Materials subset focusing on materials science and engineering', tags: ['multimodal', 'multiple-choice', 'materials', 'science', 'engineering', 'images'] },
  { subject: 'Mechanical_Engineering', display_name: 'MMMU Mechanical Engineering', description: 'MMMU Mechanical Engineering subset focusing on mechanical systems and design', tags: ['multimodal', 'multiple-choice', 'mechanical', 'engineering', 'design', 'images'] },
  { subject: 'Music', display_name: 'MMMU Music', description: 'MMMU Music subset focusing on music theory and analysis', tags: ['multimodal', 'multiple-choice', 'music', 'arts', 'theory', 'images'] },
  { subject: 'Pharmacy', display_name: 'MMMU Pharmacy', description: 'MMMU Pharmacy subset focusing on pharmaceutical sciences and practice', tags: ['multimodal', 'multiple-choice', 'pharmacy', 'medicine', 'health', 'images'] },
  { subject: 'Public_Health', display_name: 'MMMU Public Health', description: 'MMMU Public Health subset focusing on public health concepts and practices', tags: ['multimodal', 'multiple-choice', 'public-health', 'health', 'population', 'images'] },
  { subject: 'Sociology', display_name: 'MMMU Sociology', description: 'MMMU Sociology subset focusing on sociological concepts and analysis', tags: ['multimodal', 'multiple-choice', 'sociology', 'social-science', 'society', 'images'] },
];

export const MMMU_TASKS: readonly BenchmarkTask[] = [
  argumentTask(MMMU, 'mixed'),
  ...SUBJECT_ENTRIES.map(({ subject, category = 'core', ...entry }) =>
    subjectTask(
      subtaskOf(MMMU, {
        name: `mmmu_${subject.toLowerCase()}`,
        category,
        sample_count: null,
        dataset: { source: `hf:${REPO}`, subset: subject, split: 'validation' },
        ...entry,
      }),
      subject,
    ),
  ),
  argumentTask(
    subtaskOf(MMMU, {
      name: 'mmmu_mcq',
      display_name: 'MMMU MCQ',
      category: 'core',
      description: 'MMMU MCQ subset focusing on multiple choice questions',
      tags: ['multimodal', 'multiple-choice', 'images'],
      sample_count: null,
      scorer: SCORER.mcq,
    }),
    'multiple-choice',
  ),
  argumentTask(
    subtaskOf(MMMU, {
      name: 'mmmu_open',
      display_name: 'MMMU Open',
      category: 'core',
      description: 'MMMU Open subset focusing on open-ended questions',
      tags: ['multimodal', 'open-ended', 'images'],
      sample_count: null,
      scorer: 'open answer',
    }),
    'open',
  ),
];
