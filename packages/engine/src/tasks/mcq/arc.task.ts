/**
 * ARC-Easy and ARC-Challenge (`src/openbench/evals/arc.py`): allenai/ai2_arc test splits, the four-option template
 * (a fifth option is not shown, though its letter can still be the target), temperature 0.
 */
import type { DatasetRecord } from '@studio/datasets';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import { hfDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt } from './mcq-prompt.util';
import { objectField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** Some ARC questions label their options 1-5 instead of A-E. */
const NUMERIC_LABEL_TO_LETTER: Readonly<Record<string, string>> = { '1': 'A', '2': 'B', '3': 'C', '4': 'D', '5': 'E' };

export function arcSample(record: DatasetRecord): McqSampleFields {
  const question = stringField(record, 'question');
  const choices = objectField(record, 'choices');
  const texts = stringListField(choices, 'text');
  const labels = stringListField(choices, 'label');
  // dict(zip(labels, texts)): a repeated label keeps its last text.
  const labelToText = new Map(labels.slice(0, texts.length).map((label, index) => [label, texts[index]]));
  const option = (letter: string, digit: string): string => labelToText.get(letter) ?? labelToText.get(digit) ?? '';
  const answerKey = stringField(record, 'answerKey');
  return {
    input: fourOptionPrompt(question, [option('A', '1'), option('B', '2'), option('C', '3'), option('D', '4')]),
    target: Object.hasOwn(NUMERIC_LABEL_TO_LETTER, answerKey) ? NUMERIC_LABEL_TO_LETTER[answerKey] : answerKey,
    // question[:100]: the first 100 code points.
    metadata: { question: [...question].slice(0, 100).join('') },
  };
}

const ARC_TAGS = ['multiple-choice', 'science', 'commonsense-reasoning'];

function arcTask(
  config: 'ARC-Easy' | 'ARC-Challenge',
  benchmark: Pick<BenchmarkEntry, 'name' | 'display_name' | 'description' | 'sample_count' | 'featured'>,
) {
  return mcqTask({
    benchmark: { category: 'core', tags: ARC_TAGS, subtask: true, group: 'arc', surfaced: true, ...benchmark },
    dataset: hfDataset('allenai/ai2_arc', 'test', { config }),
    toSample: arcSample,
    config: { temperature: 0 },
  });
}

export const arcEasyTask = arcTask('ARC-Easy', {
  name: 'arc_easy',
  display_name: 'ARC-Easy',
  description: 'AI2 Reasoning Challenge - Easy questions from grade-school science exams',
  sample_count: 2376, // test split, per the arc_easy task docstring
});

export const arcChallengeTask = arcTask('ARC-Challenge', {
  name: 'arc_challenge',
  display_name: 'ARC-Challenge',
  description: 'AI2 Reasoning Challenge - Challenging questions from grade-school science exams',
  sample_count: 1172, // test split, per the arc_challenge task docstring
  featured: true,
});
