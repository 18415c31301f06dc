/**
 * PubMedQA (`src/openbench/evals/pubmedqa.py`): pubmed_qa `pqa_labeled` train split (its only split, 1,000
 * questions), the abstract sections before the question, yes/no/maybe as A/B/C.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { dynamicMultipleChoicePrompt } from './mcq-prompt.util';
import { objectField, optionalField, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const DECISION_TO_LETTER: Readonly<Record<string, string>> = { yes: 'A', no: 'B', maybe: 'C' };

export function pubmedqaSample(record: DatasetRecord): McqSampleFields {
  const contexts = stringListField(objectField(record, 'context'), 'contexts');
  const question = `${contexts.join('\n\n')}\n\nQuestion: ${stringField(record, 'question')}`;
  const decision = stringField(record, 'final_decision').toLowerCase();
  if (!Object.hasOwn(DECISION_TO_LETTER, decision)) throw new Error(`Unexpected answer: ${decision}`);
  return {
    input: dynamicMultipleChoicePrompt(question, ['yes', 'no', 'maybe']),
    target: DECISION_TO_LETTER[decision],
    metadata: { pubid: optionalField(record, 'pubid', null) },
  };
}

export const pubmedqaTask = mcqTask({
  benchmark: {
    name: 'pubmedqa',
    display_name: 'PubMedQA',
    category: 'core',
    description: 'Biomedical question answering from PubMed abstracts',
    tags: ['multiple-choice', 'medical', 'biomedical', 'research', 'literature'],
    sample_count: 1000, // pqa_labeled has only a train split, per the pubmedqa task docstring
  },
  // `pubmed_qa` is the hub's legacy name for qiaojin/PubMedQA, which holds the parquet export.
  dataset: hfDataset('pubmed_qa', 'train', { repo: 'qiaojin/PubMedQA', config: 'pqa_labeled' }),
  toSample: pubmedqaSample,
});
