/**
 * ANLI (`src/openbench/evals/anli.py`): facebook/anli, one test split per round, premise and hypothesis under Inspect's
 * single-answer template with the three NLI labels as choices, the record's `uid` as sample id. `anli` is the family
 * with its default round, r1; `anli_r1`-`anli_r3` are its subtasks.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';
import type { SampleId } from '../../types';

const LABELS: Readonly<Record<number, string>> = { 0: 'A', 1: 'B', 2: 'C' };

export function anliSample(record: DatasetRecord): McqSampleFields {
  const question = `Premise: ${stringField(record, 'premise')}\nHypothesis: ${stringField(record, 'hypothesis')}\nQuestion: What is the relationship between the premise and hypothesis?`;
  const label = numberField(record, 'label');
  if (!Object.hasOwn(LABELS, label)) throw new Error(`unknown ANLI label ${label}`);
  const uid = optionalField(record, 'uid', null);
  return {
    input: inspectChoicesPrompt(question, ['entailment', 'neutral', 'contradiction'], SINGLE_ANSWER_TEMPLATE),
    target: LABELS[label],
    ...(typeof uid === 'string' || typeof uid === 'number' ? { id: uid as SampleId } : {}),
  };
}

const TAGS = ['multiple-choice', 'nli', 'adversarial', 'reasoning'];

export const anliTasks = configFamily(
  {
    name: 'anli',
    display_name: 'ANLI (All Rounds)',
    category: 'glue',
    description: 'Adversarial Natural Language Inference - challenging NLI benchmark',
    tags: TAGS,
    sample_count: null,
  },
  'r1',
  [1, 2, 3].map((round) => ({
    config: `r${round}`,
    entry: {
      name: `anli_r${round}`,
      display_name: `ANLI Round ${round}`,
      category: 'glue',
      description: `Adversarial NLI Round ${round}`,
      tags: TAGS,
      sample_count: null,
    },
  })),
  (benchmark, round) =>
    mcqTask({
      benchmark,
      // The repository's only config is `plain_text`, which `hf_dataset` without a name loads; each round is a split.
      dataset: hfDataset('facebook/anli', `test_${round}`, { config: 'plain_text' }),
      toSample: anliSample,
      autoId: false,
    }),
);
