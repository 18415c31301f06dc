/**
 * RACE (`src/openbench/evals/race.py`): ehovy/race, `race` on the `all` config, `race_high` and `race_middle` on
 * theirs, each with upstream's `split` task argument (train, validation or test; test by default). The passage and
 * question in the dynamic prompt over the options, `answer` as target, auto ids, the MCQ scorer.
 *
 * Deviation from upstream, decided for this engine: race.py's `record_to_samples` reads lm-eval's per-article layout
 * (`ast.literal_eval(record["problems"])`, one sample per problem), but ehovy/race has one question per row
 * (`example_id, article, answer, question, options`), so upstream fails with KeyError on its first record. Here each
 * row is one sample, built exactly as upstream builds a problem's sample: the prompt
 * `create_dynamic_multiple_choice_prompt(f"Passage:\n{article}\n\nQuestion: {question}", options)`, target `answer`,
 * metadata `example_id` (`record.get("example_id", "")`).
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily, perArgumentTask } from './mcq-family.util';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { optionalField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

export function raceSample(record: DatasetRecord): McqSampleFields {
  const question = `Passage:\n${stringField(record, 'article')}\n\nQuestion: ${stringField(record, 'question')}`;
  return {
    input: dynamicMultipleChoicePrompt(question, stringListField(record, 'options')),
    target: stringField(record, 'answer'),
    metadata: { example_id: optionalField(record, 'example_id', '') },
  };
}

const SPLITS = ['train', 'validation', 'test'];

export const raceTasks = configFamily(
  {
    name: 'race',
    display_name: 'RACE',
    category: 'reading-comprehension',
    description: 'Reading comprehension from middle and high school English exams (combined)',
    tags: ['multiple-choice', 'reading-comprehension', 'english-exam'],
    sample_count: null,
  },
  'all',
  [
    {
      config: 'high',
      entry: {
        name: 'race_high',
        display_name: 'RACE-High',
        category: 'reading-comprehension',
        description:
          'High school level reading comprehension from English exams for Chinese students - passages with multiple questions',
        tags: ['multiple-choice', 'reading-comprehension', 'english-exam', 'high-school'],
        sample_count: null,
      },
    },
    {
      config: 'middle',
      entry: {
        name: 'race_middle',
        display_name: 'RACE-Middle',
        category: 'reading-comprehension',
        description: 'Middle school level reading comprehension from English exams for Chinese students',
        tags: ['multiple-choice', 'reading-comprehension', 'english-exam', 'middle-school'],
        sample_count: null,
      },
    },
  ],
  (benchmark, config) =>
    perArgumentTask('split', 'test', (split = 'test') => {
      if (!SPLITS.includes(split)) throw new Error(`Invalid split '${split}'. Must be one of ['train', 'validation', 'test']`);
      return mcqTask({ benchmark, dataset: hfDataset('ehovy/race', split, { config }), toSample: raceSample });
    }),
);
