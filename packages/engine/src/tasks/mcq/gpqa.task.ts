/**
 * GPQA main (`src/openbench/evals/gpqa.py`): Idavidrein/gpqa `gpqa_main` (train, the only split; gated), the
 * four-option template, metrics grouped by subdomain. Blank answers are dropped and the options padded back to four
 * with "No answer provided" before the shuffle.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { pythonStrHash } from '../shared/python-hash.util';
import { PythonRandom } from '../shared/python-random.util';
import { hfDataset } from '../shared/task-dataset.source';
import { fourOptionPrompt, optionLetter } from './mcq-prompt.util';
import { optionalField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** Python truthiness of a `record.get(...)` value that should be a str: None and '' are false. */
function text(value: unknown, field: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw new TypeError(`record field "${field}" is not a string: ${JSON.stringify(value)}`);
  return value;
}

export function gpqaSample(record: DatasetRecord): McqSampleFields {
  const question = text(optionalField(record, 'Question', optionalField(record, 'question', '')), 'Question');
  const correct = text(optionalField(record, 'Correct Answer', ''), 'Correct Answer');
  if (pyStrip(correct) === '') throw new Error('Correct answer is empty or missing');
  const answers = [
    { text: correct, isCorrect: true },
    ...[1, 2, 3].map((n) => ({ text: text(optionalField(record, `Incorrect Answer ${n}`, ''), `Incorrect Answer ${n}`), isCorrect: false })),
  ].filter((answer) => pyStrip(answer.text) !== '');
  while (answers.length < 4) answers.push({ text: 'No answer provided', isCorrect: false });
  // Upstream seeds with `hash(question) % 2**32`, which CPython salts per process; this is the order a run with
  // PYTHONHASHSEED=0 gets (the modulo of a signed 64-bit hash by 2**32 is its low 32 bits).
  new PythonRandom(Number(BigInt.asUintN(32, pythonStrHash(question)))).shuffle(answers);
  const options = answers.map((answer) => answer.text) as [string, string, string, string];
  return {
    input: fourOptionPrompt(question, options),
    target: optionLetter(answers.findIndex((answer) => answer.isCorrect)),
    metadata: { subdomain: optionalField(record, 'subdomain', optionalField(record, 'Subdomain', '')) },
  };
}

export const gpqaTask = mcqTask({
  benchmark: {
    name: 'gpqa',
    display_name: 'GPQA',
    category: 'core',
    description: 'Graduate-level science questions (multiple choice) across physics, chemistry, and biology',
    tags: ['multiple-choice', 'science', 'graduate-level', 'reasoning'],
    sample_count: 448, // the GPQA paper's main set; gated dataset, needs HF_TOKEN
  },
  dataset: hfDataset('Idavidrein/gpqa', 'train', { config: 'gpqa_main' }),
  toSample: gpqaSample,
  groupKeys: ['subdomain'],
});
