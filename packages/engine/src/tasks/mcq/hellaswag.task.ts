/**
 * HellaSwag (`src/openbench/evals/hellaswag.py`): the validation split, lm-eval-harness preprocessing of the
 * WikiHow markup, the dynamic-option prompt.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt, optionLetter } from './mcq-prompt.util';
import { optionalField, pythonInt, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import { pyStrip } from '../../scorers/python-text.util';

/** Single code points whose title case differs from their upper case (Python titlecases, JS only uppercases). */
const TITLE_CASE_DIGRAPHS: Readonly<Record<string, string>> = {
  Ǆ: 'ǅ', ǅ: 'ǅ', ǆ: 'ǅ', Ǉ: 'ǈ', ǈ: 'ǈ', ǉ: 'ǈ', Ǌ: 'ǋ', ǋ: 'ǋ', ǌ: 'ǋ', Ǳ: 'ǲ', ǲ: 'ǲ', ǳ: 'ǲ',
};

/** Python `str.capitalize()`: the first character title-cased, every other character lower-cased. */
export function pyCapitalize(text: string): string {
  const [first, ...rest] = [...text];
  if (first === undefined) return '';
  // Title case of a character that upper-cases to several (ß → SS) keeps only the first of them upper-case (Ss).
  const [head, ...tail] = [...first.toUpperCase()];
  const title = TITLE_CASE_DIGRAPHS[first] ?? head + tail.join('').toLowerCase();
  return title + rest.join('').toLowerCase();
}

/** openbench `hellaswag_preprocess` (from lm-eval-harness). Python's `.` stops only at `\n`, hence `[^\n]`. */
export function hellaswagPreprocess(text: string): string {
  return pyStrip(text.replaceAll(' [title]', '. ').replace(/\[[^\n]*?\]/g, '').replaceAll('  ', ' '));
}

export function hellaswagSample(record: DatasetRecord): McqSampleFields {
  const activityLabel = stringField(record, 'activity_label');
  const context = `${stringField(record, 'ctx_a')} ${pyCapitalize(stringField(record, 'ctx_b'))}`;
  const question = hellaswagPreprocess(`${activityLabel}: ${context}`);
  const endings = stringListField(record, 'endings').map(hellaswagPreprocess);
  const label = stringField(record, 'label');
  return {
    input: dynamicMultipleChoicePrompt(question, endings),
    // The test split has no labels; upstream puts A there.
    target: label === '' ? 'A' : optionLetter(pythonInt(label)),
    metadata: {
      activity_label: activityLabel,
      split_type: optionalField(record, 'split_type', 'unknown'),
      source: optionalField(record, 'source_id', 'unknown'),
    },
  };
}

export const hellaswagTask = mcqTask({
  benchmark: {
    name: 'hellaswag',
    display_name: 'HellaSwag',
    category: 'core',
    description: 'Adversarially-filtered sentence completion benchmark for commonsense reasoning',
    tags: ['multiple-choice', 'commonsense-reasoning', 'sentence-completion'],
    sample_count: 10042, // validation split, dataset card
    featured: true,
  },
  // `hellaswag` is the hub's legacy name for Rowan/hellaswag; the parquet export lives under the canonical repo.
  dataset: hfDataset('hellaswag', 'validation', { repo: 'Rowan/hellaswag' }),
  toSample: hellaswagSample,
});
