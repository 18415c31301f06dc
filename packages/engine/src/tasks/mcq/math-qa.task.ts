/**
 * MathQA (`src/openbench/evals/mathqa.py`): allenai/math_qa validation split; the options string
 * ("a ) 24 , b ) 120 , …") is split into choices for the dynamic prompt, the `correct` letter upper-cased is the target.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** `parse_mathqa_options`: `re.findall` of upstream's pattern (IGNORECASE), each match stripped. */
export function parseMathqaOptions(options: string): string[] {
  // Python's `$` also matches before a final newline.
  const pattern = /[a-e]\s*\)\s*([^,]+?)(?=\s*,\s*[a-e]\s*\)|\n?$)/gi;
  return [...options.matchAll(pattern)].map((match) => pyStrip(match[1]));
}

export function mathQaSample(record: DatasetRecord): McqSampleFields {
  const question = stringField(record, 'Problem');
  const optionsText = stringField(record, 'options');
  let choices = parseMathqaOptions(optionsText);
  if (choices.length < 2) choices = optionsText.split(',').map((option) => pyStrip(option));
  return {
    input: dynamicMultipleChoicePrompt(question, choices),
    target: pyStrip(stringField(record, 'correct')).toUpperCase(),
    metadata: {
      question,
      category: optionalField(record, 'category', ''),
      rationale: optionalField(record, 'Rationale', ''),
      annotated_formula: optionalField(record, 'annotated_formula', ''),
    },
  };
}

export const mathQaTask = mcqTask({
  benchmark: {
    name: 'math_qa',
    display_name: 'MathQA',
    category: 'knowledge-qa',
    description: 'Mathematical word problems with multiple-choice answers and solution rationales',
    tags: ['multiple-choice', 'mathematics', 'word-problems', 'reasoning'],
    sample_count: null,
  },
  dataset: hfDataset('allenai/math_qa', 'validation'),
  toSample: mathQaSample,
});
