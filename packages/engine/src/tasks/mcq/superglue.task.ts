/**
 * SuperGLUE (`src/openbench/evals/glue.py`): `super_glue` (aps/super_glue on the hub), one config per task, validation
 * split, lighteval's prompts under Inspect's single-answer template. `superglue` runs COPA, its default; `copa`,
 * `rte`, `wic`, `wsc`, `cb` and `multirc` one task each (BoolQ is its own benchmark).
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { anyField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { copaPrompt } from './xcopa.task';

/** `int_to_char[record["label"]]`, which raises for a label outside the map (the test splits' -1). */
function mappedTarget(record: DatasetRecord, letters: Readonly<Record<number, string>>): string {
  const label = anyField(record, 'label');
  if (typeof label !== 'number' || !Object.hasOwn(letters, label)) throw new Error(`label ${JSON.stringify(label)} has no answer letter`);
  return letters[label];
}

const AB = { 0: 'A', 1: 'B' };

function sample(question: string, choices: readonly string[], record: DatasetRecord, letters: Readonly<Record<number, string>> = AB): McqSampleFields {
  return { input: inspectChoicesPrompt(question, choices, SINGLE_ANSWER_TEMPLATE), target: mappedTarget(record, letters) };
}

const CONVERTERS: Readonly<Record<string, (record: DatasetRecord) => McqSampleFields>> = {
  copa: (record) => ({ input: copaPrompt(record), target: mappedTarget(record, AB) }),
  rte: (record) =>
    sample(`${stringField(record, 'premise')}\nQuestion: ${stringField(record, 'hypothesis')} True or False?\nAnswer:`, ['True', 'False'], record),
  wic: (record) =>
    sample(
      `Sentence 1: ${stringField(record, 'sentence1')}\nSentence 2: ${stringField(record, 'sentence2')}\nQuestion: Is the word '${stringField(record, 'word')}' used in the same way in the two sentences above?\nAnswer:`,
      ['no', 'yes'],
      record,
    ),
  wsc: (record) =>
    sample(
      `Passage: ${stringField(record, 'text')}\nQuestion: In the passage above, does the pronoun '${stringField(record, 'span2_text')}' refer to '${stringField(record, 'span1_text')}'?\nAnswer:`,
      ['no', 'yes'],
      record,
    ),
  cb: (record) =>
    sample(
      `${stringField(record, 'premise')}\nQuestion: ${stringField(record, 'hypothesis')}. True, False or Neither?\nAnswer:`,
      ['True', 'False', 'Neither'],
      record,
      { 0: 'A', 1: 'B', 2: 'C' },
    ),
  // Each row is one proposed answer; label 1 (correct) is the "yes" choice, A.
  multirc: (record) => {
    const answer = stringField(record, 'answer');
    return sample(
      `${stringField(record, 'paragraph')}\nQuestion: ${stringField(record, 'question')}\nAnswer:`,
      [`${answer}\nIs the answer correct? yes`, `${answer}\nIs the answer correct? no`],
      record,
      { 1: 'A', 0: 'B' },
    );
  },
};

const TAGS = ['multiple-choice', 'superglue', 'nli', 'reasoning'];

/** `SUPERGLUE_SUBSET_CONFIG` in order, with openbench's catalog fields and the validation split's size (dataset card). */
const SUBSETS = [
  { subset: 'copa', sample_count: 100, display_name: 'COPA', description: 'Choice of Plausible Alternatives for causal reasoning', tags: TAGS },
  { subset: 'rte', sample_count: 277, display_name: 'RTE (SuperGLUE)', description: 'Recognizing Textual Entailment from SuperGLUE', tags: TAGS },
  { subset: 'wic', sample_count: 638, display_name: 'WiC', description: 'Word in Context - word sense disambiguation', tags: ['multiple-choice', 'superglue', 'nli', 'wsd', 'reasoning'] },
  {
    subset: 'wsc',
    sample_count: 104,
    display_name: 'WSC',
    description: 'Winograd Schema Challenge - coreference resolution',
    tags: [...TAGS, 'coreference-resolution'],
  },
  { subset: 'cb', sample_count: 56, display_name: 'CommitmentBank', description: 'Natural language inference with commitment', tags: TAGS },
  { subset: 'multirc', sample_count: 4848, display_name: 'MultiRC', description: 'Multi-Sentence Reading Comprehension', tags: TAGS },
];

export const superglueTasks = configFamily(
  {
    name: 'superglue',
    display_name: 'SuperGLUE (All Tasks)',
    category: 'glue',
    description: 'SuperGLUE benchmark suite - run any subset by name (boolq, cb, copa, multirc, rte, wic, wsc)',
    tags: TAGS,
    sample_count: 100, // COPA's validation split, which the family runs
  },
  'copa',
  SUBSETS.map(({ subset, ...entry }) => ({ config: subset, entry: { name: subset, category: 'glue', ...entry } })),
  // `super_glue` is the hub's legacy name for aps/super_glue, which holds the parquet export.
  (benchmark, subset) =>
    mcqTask({ benchmark, dataset: hfDataset('super_glue', 'validation', { repo: 'aps/super_glue', config: subset }), toSample: CONVERTERS[subset] }),
);
