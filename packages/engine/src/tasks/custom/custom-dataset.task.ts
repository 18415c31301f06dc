/**
 * A user's private dataset (`custom/<slug>`) as a task: the rows come from the host (the worker reads them from
 * PostgreSQL), and each kind is prompted and scored as the openbench benchmarks of that kind are.
 */
import { customBenchmarkName, type CustomDatasetSource, type DatasetKind, type DatasetRow } from '@studio/contracts';
import type { GenerateConfig } from '@studio/providers';
import { accuracy, grouped, std, stderr } from '../../metrics';
import {
  createExactMatchScorer,
  createGradeSchoolMathScorer,
  createMcqScorer,
  createModelGradedFactScorer,
  createQaScorer,
} from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import type { Metric, Sample, Scorer, TaskDefinition } from '../../types';
import { GSM8K_PROMPT_TEMPLATE } from '../generative/gsm8k.task';
import { NATURAL_QUESTIONS_PROMPT_TEMPLATE } from '../generative/natural-questions.task';
import { taskArgs } from '../generative/task-definition.util';
import { mcqMetrics } from '../mcq/mcq-task.factory';
import { dynamicMultipleChoicePrompt, fourOptionPrompt } from '../mcq/mcq-prompt.util';
import type { TaskOptions } from '../task.types';

/** What the engine needs of a stored dataset; the host supplies it with a reader of its rows. */
export type CustomDataset = CustomDatasetSource;

/** The sample metadata key of a row's group. */
export const CUSTOM_GROUP_KEY = 'group';

function answers(row: DatasetRow): string[] {
  return Array.isArray(row.answer) ? row.answer : [row.answer];
}

/** Prompt and target of a row, by kind. */
function sampleOf(kind: DatasetKind, row: DatasetRow, index: number): Sample {
  const metadata = row.group === undefined ? undefined : { [CUSTOM_GROUP_KEY]: row.group };
  const base = { id: index + 1, ...(metadata && { metadata }) };
  switch (kind) {
    case 'multiple_choice': {
      const choices = row.choices ?? [];
      const input = choices.length === 4 ? fourOptionPrompt(row.question, choices as [string, string, string, string]) : dynamicMultipleChoicePrompt(row.question, choices);
      return { ...base, input, target: answers(row).join('') };
    }
    case 'exact_match':
    case 'f1':
      // qa_scorer reads the gold answers pipe-separated, as openbench's QA tasks store them.
      return { ...base, input: pyFormat(NATURAL_QUESTIONS_PROMPT_TEMPLATE, { question: row.question }), target: answers(row).join('|') };
    case 'numeric':
      return {
        ...base,
        input: pyFormat(GSM8K_PROMPT_TEMPLATE, { question: row.question }),
        target: answers(row).join(''),
        metadata: { ...metadata, answer_prefix: 'Answer' },
      };
    case 'model_graded':
      // The question goes to the model as it is, as in openbench's graded QA tasks (SimpleQA).
      return { ...base, input: row.question, target: answers(row).join('') };
  }
}

function scorerOf(dataset: CustomDataset): Scorer {
  switch (dataset.kind) {
    case 'multiple_choice':
      return createMcqScorer();
    case 'exact_match':
      return createExactMatchScorer();
    case 'f1':
      return createQaScorer();
    case 'numeric':
      return createGradeSchoolMathScorer();
    case 'model_graded':
      return createModelGradedFactScorer(dataset.rubric);
  }
}

function metricsOf(dataset: CustomDataset): Metric[] {
  const groupKeys = dataset.hasGroups ? [CUSTOM_GROUP_KEY] : [];
  if (dataset.kind === 'multiple_choice') return mcqMetrics(groupKeys);
  return [accuracy(), stderr(), ...groupKeys.map((key) => grouped(key, [accuracy(), stderr(), std()], { all: false }))];
}

/** The generation settings of the openbench benchmarks each kind follows (MMLU, NaturalQuestions, GSM8K, SimpleQA). */
const CONFIG: Record<DatasetKind, GenerateConfig> = {
  multiple_choice: {},
  exact_match: { temperature: 0.0, max_tokens: 256 },
  f1: { temperature: 0.0, max_tokens: 256 },
  numeric: { temperature: 0.0, max_tokens: 2048 },
  model_graded: { temperature: 0.0 },
};

/** The task of a stored dataset; it takes no task arguments, and a grader only when model-graded. */
export function customDatasetTask(dataset: CustomDataset, options: TaskOptions = {}): TaskDefinition {
  const name = customBenchmarkName(dataset.slug);
  taskArgs(name, options, {});
  const graderModel = dataset.kind === 'model_graded' ? (options.graderModel ?? dataset.graderModel) : undefined;
  if (dataset.kind === 'model_graded' && graderModel === undefined) throw new Error(`${name} is model-graded and needs a grader model`);
  return {
    name,
    displayName: dataset.name,
    dataset: {
      name,
      location: name,
      load: async (ctx) => (await dataset.loadRows(ctx.signal)).map((row, index) => sampleOf(dataset.kind, row, index)),
    },
    config: { ...CONFIG[dataset.kind] },
    scorer: scorerOf(dataset),
    metrics: metricsOf(dataset),
    ...(graderModel === undefined ? {} : { graderModel }),
    primaryMetric: 'accuracy',
  };
}
