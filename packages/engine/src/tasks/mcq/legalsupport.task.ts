/**
 * LegalSupport (`src/openbench/evals/legalsupport.py`): lighteval/LegalSupport test split; the legal context and the
 * two candidate citations (identifier, then the parenthetical when there is one) under Inspect's single-answer
 * template, the record's `a`/`b` label upper-cased as the answer.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStr } from '../../scorers/python-str.util';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { objectField, optionalField, pyTruthy, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** `Citation X: <identifier>`, with ` (<parenthetical>)` when `citation.get("parenthetical")` is truthy. */
function citationText(record: DatasetRecord, field: string, letter: string): string {
  const citation = objectField(record, field);
  const parenthetical = optionalField(citation, 'parenthetical', null);
  const text = `Citation ${letter}: ${stringField(citation, 'identifier')}`;
  return pyTruthy(parenthetical) ? `${text} (${pyStr(parenthetical)})` : text;
}

export function legalsupportSample(record: DatasetRecord): McqSampleFields {
  const question = `Given the following legal context, which citation provides stronger support?\n\nContext: ${stringField(record, 'context')}\n\nWhich citation is more supportive?`;
    return {
    input: inspectChoicesPrompt(question, [citationText(record, 'citation_a', 'A'), citationText(record, 'citation_b', 'B')], SINGLE_ANSWER_TEMPLATE),
    target: stringField(record, 'label').toUpperCase(),
    metadata: { case_id: pyStr(optionalField(record, 'case_id', '')) },
  };
}

export const legalsupportTask = mcqTask({
  benchmark: {
    name: 'legalsupport',
    display_name: 'LegalSupport',
    category: 'domain-specific',
    description:
      'Legal citation support identification - identify which citation provides stronger support for a legal argument',
    tags: ['multiple-choice', 'legal', 'reasoning', 'citation-analysis'],
    sample_count: 3047, // the test split, openbench's docstring
  },
  dataset: hfDataset('lighteval/LegalSupport', 'test'),
  toSample: legalsupportSample,
});
