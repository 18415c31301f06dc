/**
 * GLUE (`src/openbench/evals/glue_standard.py`): `glue` (nyu-mll/glue on the hub), one config per task, each with its
 * own question over its two or three labels under the binary template. `glue` runs CoLA, its default; each
 * `glue_<task>` subtask one task on its default split (MNLI's matched and mismatched validation splits are two).
 */
import type { DatasetRecord } from '@studio/datasets';
import { hfDataset } from '../shared/task-dataset.source';
import { configFamily } from './mcq-family.util';
import { inspectChoicesPrompt, optionLetter } from './mcq-prompt.util';
import { anyField, numberField, stringField } from './mcq-record.util';
import { mcqTask, type McqSampleFields } from './mcq-task.factory';

/** glue_standard.py's `BINARY_TEMPLATE`, after `.strip()` (every GLUE task uses it, MNLI's three choices too). */
const BINARY_TEMPLATE = `Answer the following question. The entire content of your response should be of the following format: 'ANSWER: $LETTER' (without quotes) where LETTER is one of {letters}.

{question}

{choices}`;

/** `"A" if label == 0 else "B"`: any label but 0 (the test splits' -1 too) is B. */
function binaryTarget(record: DatasetRecord): string {
  return anyField(record, 'label') === 0 ? 'A' : 'B';
}

function sentencePair(record: DatasetRecord, first: string, second: string, firstTitle: string, secondTitle: string): string {
  return `${firstTitle}: ${stringField(record, first)}\n\n${secondTitle}: ${stringField(record, second)}`;
}

// The `id=str(record.get("idx", ""))` each converter sets is replaced by MCQEval's auto_id numbering, so none is kept.
const CONVERTERS: Readonly<Record<string, (record: DatasetRecord) => McqSampleFields>> = {
  cola: (record) => ({
    input: inspectChoicesPrompt(
      `Is the following sentence grammatically acceptable?\n\n${stringField(record, 'sentence')}`,
      ['No (unacceptable)', 'Yes (acceptable)'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  sst2: (record) => ({
    input: inspectChoicesPrompt(
      `What is the sentiment of the following sentence?\n\n${stringField(record, 'sentence')}`,
      ['Negative', 'Positive'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  mrpc: (record) => ({
    input: inspectChoicesPrompt(
      `Are these two sentences paraphrases of each other?\n\n${sentencePair(record, 'sentence1', 'sentence2', 'Sentence 1', 'Sentence 2')}`,
      ['No', 'Yes'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  qqp: (record) => ({
    input: inspectChoicesPrompt(
      `Are these two questions asking the same thing?\n\n${sentencePair(record, 'question1', 'question2', 'Question 1', 'Question 2')}`,
      ['No', 'Yes'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  // STS-B's 0-5 similarity score binned: below 2.5 is low (A), the rest high (B).
  stsb: (record) => ({
    input: inspectChoicesPrompt(
      `How similar are these two sentences?\n\n${sentencePair(record, 'sentence1', 'sentence2', 'Sentence 1', 'Sentence 2')}`,
      ['Low similarity', 'High similarity'],
      BINARY_TEMPLATE,
    ),
    target: numberField(record, 'label') < 2.5 ? 'A' : 'B',
  }),
  mnli: (record) => ({
    input: inspectChoicesPrompt(
      `Given the premise, what is the relationship to the hypothesis?\n\n${sentencePair(record, 'premise', 'hypothesis', 'Premise', 'Hypothesis')}`,
      ['Entailment', 'Neutral', 'Contradiction'],
      BINARY_TEMPLATE,
    ),
    // chr(65 + label): a test split's -1 gives "@", which MCQSample refuses.
    target: optionLetter(numberField(record, 'label')),
  }),
  qnli: (record) => ({
    input: inspectChoicesPrompt(
      `Does the sentence answer the question?\n\n${sentencePair(record, 'question', 'sentence', 'Question', 'Sentence')}`,
      ['Yes (entailment)', 'No (not entailment)'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  rte: (record) => ({
    input: inspectChoicesPrompt(
      `Does the first sentence entail the second?\n\n${sentencePair(record, 'sentence1', 'sentence2', 'Sentence 1', 'Sentence 2')}`,
      ['Yes (entailment)', 'No (not entailment)'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
  // WNLI's label 1 is entailment, so its choices come the other way round from RTE's.
  wnli: (record) => ({
    input: inspectChoicesPrompt(
      `Does the first sentence entail the second?\n\n${sentencePair(record, 'sentence1', 'sentence2', 'Sentence 1', 'Sentence 2')}`,
      ['No (not entailment)', 'Yes (entailment)'],
      BINARY_TEMPLATE,
    ),
    target: binaryTarget(record),
  }),
};

/**
 * `GLUE_TASKS`: the task's config (MNLI mismatched reads MNLI's) and default split, with openbench's catalog fields and
 * the split's size (dataset card).
 */
const GLUE_TASKS = [
  { task: 'cola', samples: 1043, config: 'cola', split: 'validation', display: 'CoLA', description: 'Corpus of Linguistic Acceptability' },
  { task: 'sst2', samples: 872, config: 'sst2', split: 'validation', display: 'SST-2', description: 'Stanford Sentiment Treebank' },
  { task: 'mrpc', samples: 408, config: 'mrpc', split: 'validation', display: 'MRPC', description: 'Microsoft Research Paraphrase Corpus' },
  { task: 'qqp', samples: 40430, config: 'qqp', split: 'validation', display: 'QQP', description: 'Quora Question Pairs' },
  { task: 'stsb', samples: 1500, config: 'stsb', split: 'validation', display: 'STS-B', description: 'Semantic Textual Similarity Benchmark' },
  { task: 'mnli', samples: 9815, config: 'mnli', split: 'validation_matched', display: 'MNLI', description: 'Multi-Genre Natural Language Inference' },
  { task: 'mnli_mismatched', samples: 9832, config: 'mnli', split: 'validation_mismatched', display: 'MNLI-MM', description: 'MNLI Mismatched' },
  { task: 'qnli', samples: 5463, config: 'qnli', split: 'validation', display: 'QNLI', description: 'Question Natural Language Inference' },
  { task: 'rte', samples: 277, config: 'rte', split: 'validation', display: 'RTE', description: 'Recognizing Textual Entailment' },
  { task: 'wnli', samples: 71, config: 'wnli', split: 'validation', display: 'WNLI', description: 'Winograd Natural Language Inference' },
] as const;

export const glueTasks = configFamily(
  {
    name: 'glue',
    display_name: 'GLUE (All Tasks)',
    category: 'glue',
    description: 'General Language Understanding Evaluation benchmark suite',
    tags: ['multiple-choice', 'glue', 'nli', 'sentiment', 'similarity'],
    sample_count: 1043, // CoLA's validation split, which the family runs
  },
  'cola',
  GLUE_TASKS.map(({ task, samples, display, description }) => ({
    config: task,
    entry: {
      name: `glue_${task}`,
      display_name: `GLUE: ${display}`,
      category: 'glue',
      description,
      tags: ['multiple-choice', 'glue', 'nli'],
      sample_count: samples,
    },
  })),
  (benchmark, task) => {
    const { config, split } = GLUE_TASKS.find((candidate) => candidate.task === task) as (typeof GLUE_TASKS)[number];
    // `glue` is the hub's legacy name for nyu-mll/glue, which holds the parquet export.
    return mcqTask({ benchmark, dataset: hfDataset('glue', split, { repo: 'nyu-mll/glue', config }), toSample: CONVERTERS[config] });
  },
);
