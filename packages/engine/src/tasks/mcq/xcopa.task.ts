/**
 * XCOPA (`src/openbench/evals/xcopa.py`): cambridgeltl/xcopa, one config per language (validation split); the premise
 * joined to "because"/"therefore" and the two alternatives with a lower-cased first letter under Inspect's
 * single-answer template. `xcopa` runs Italian, its default; each `xcopa_<code>` subtask one language.
 */
import type { DatasetRecord } from '@studio/datasets';
import { pyStrip } from '../../scorers/python-text.util';
import { hfDataset } from '../shared/task-dataset.source';
import { inspectChoicesPrompt, SINGLE_ANSWER_TEMPLATE } from './mcq-prompt.util';
import { crossLingualFamily } from './mcq-family.util';
import { numberField, optionalField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

const LANGUAGES = [
  ['et', 'Estonian'], ['ht', 'Haitian Creole'], ['id', 'Indonesian'], ['it', 'Italian'], ['qu', 'Quechua'], ['sw', 'Swahili'],
  ['ta', 'Tamil'], ['th', 'Thai'], ['tr', 'Turkish'], ['vi', 'Vietnamese'], ['zh', 'Chinese'],
] as const;

const CONNECTORS: Readonly<Record<string, string>> = { cause: 'because', effect: 'therefore' };

/** `s[0].lower() + s[1:]` for a non-empty str. */
function lowerFirst(text: string): string {
  const [first = '', ...rest] = Array.from(text);
  return first.toLowerCase() + rest.join('');
}

/** The COPA prompt XCOPA and SuperGLUE's COPA share: the premise joined to its connector, the alternatives lower-cased first. */
export function copaPrompt(record: DatasetRecord): string {
  const questionType = stringField(record, 'question');
  if (!Object.hasOwn(CONNECTORS, questionType)) throw new Error(`unknown COPA question type ${JSON.stringify(questionType)}`);
  let premise = pyStrip(stringField(record, 'premise'));
  if (premise.endsWith('.')) premise = premise.slice(0, -1);
  return inspectChoicesPrompt(
    `${premise} ${CONNECTORS[questionType]}`,
    [lowerFirst(stringField(record, 'choice1')), lowerFirst(stringField(record, 'choice2'))],
    SINGLE_ANSWER_TEMPLATE,
  );
}

export function xcopaSample(record: DatasetRecord): McqSampleFields {
  const input = copaPrompt(record);
  const label = numberField(record, 'label');
  if (label !== 0 && label !== 1) throw new Error(`unknown XCOPA label ${label}`);
  return {
    input,
    target: label === 0 ? 'A' : 'B',
    metadata: { idx: optionalField(record, 'idx', null), changed: optionalField(record, 'changed', false), question_type: stringField(record, 'question') },
  };
}

const TAGS = ['multiple-choice', 'causal-reasoning', 'commonsense', 'multilingual'];

export const xcopaTasks = crossLingualFamily(
  {
    name: 'xcopa',
    title: 'XCOPA',
    display_name: 'XCOPA (11 Languages)',
    description: 'Cross-lingual Choice of Plausible Alternatives for causal commonsense reasoning',
    tags: TAGS,
    sample_count: 100, // validation split of one language, openbench's docstring
    defaultLanguage: 'it',
    languages: LANGUAGES,
    memberDescription: 'XCOPA causal reasoning for',
  },
  (benchmark, config) => mcqTask({ benchmark, dataset: hfDataset('cambridgeltl/xcopa', 'validation', { config }), toSample: xcopaSample }),
);
