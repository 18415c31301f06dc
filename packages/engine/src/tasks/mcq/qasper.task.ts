/**
 * QASPER, binary variant (`src/openbench/evals/qasper.py`): allenai/qasper validation split, one record per paper.
 * Each annotator answer of each question that is a yes/no answer (no free-form answer, no extractive spans, not
 * unanswerable) becomes one sample: title, abstract and question under Inspect's single-answer template over
 * yes / no. Answers of no other type but without `yes_no` count as "no", as upstream (after lighteval) has it.
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { anyField, objectField, optionalField, pyTruthy, stringField, stringListField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** `extract_answer`: "yes"/"no" for a yes/no answer, null for any other type. */
function yesNoAnswer(answer: DatasetRecord): 'yes' | 'no' | null {
  if (pyTruthy(optionalField(answer, 'free_form_answer', null)) || pyTruthy(optionalField(answer, 'extractive_spans', null))) return null;
  if (pyTruthy(optionalField(answer, 'unanswerable', null))) return null;
  return pyTruthy(optionalField(answer, 'yes_no', null)) ? 'yes' : 'no';
}

function recordList(value: unknown, what: string): DatasetRecord[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} is not a list: ${JSON.stringify(value)}`);
  return value as DatasetRecord[];
}

export function qasperSamples(record: DatasetRecord): McqSampleFields[] {
  const title = stringField(record, 'title');
  const abstract = stringField(record, 'abstract');
  const qas = objectField(record, 'qas');
  const questions = stringListField(qas, 'question');
  const answerLists = recordList(qas.answers, 'qas.answers');
  const samples: McqSampleFields[] = [];
  // zip() stops at the shorter list.
  for (let index = 0; index < Math.min(questions.length, answerLists.length); index += 1) {
    const question = questions[index];
    for (const answer of recordList(anyField(answerLists[index], 'answer'), 'answer')) {
      const gold = yesNoAnswer(answer);
      if (gold === null) continue;
      samples.push({
        input: inspectChoicesPrompt(`TITLE: ${title}\nABSTRACT: ${abstract}\n\nQ: ${question}`, ['yes', 'no'], SINGLE_ANSWER_TEMPLATE),
        target: gold === 'yes' ? 'A' : 'B',
        // question[:100], in code points.
        metadata: { answer_type: 'yes_no', question: Array.from(question).slice(0, 100).join('') },
      });
    }
  }
  return samples;
}

export const qasperLlTask = mcqTask({
  benchmark: {
    name: 'qasper_ll',
    display_name: 'QASPER (Binary MCQ)',
    category: 'reading-comprehension',
    description: 'Question Answering on Scientific Papers - binary yes/no questions on research paper abstracts',
    tags: ['multiple-choice', 'reading-comprehension', 'scientific-papers', 'binary-classification'],
    sample_count: null,
  },
  dataset: hfDataset('allenai/qasper', 'validation', { config: 'qasper' }),
  toSample: qasperSamples,
  config: { temperature: 0 },
});
