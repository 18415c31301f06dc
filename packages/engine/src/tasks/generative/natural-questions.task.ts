/** openbench `natural_questions` (`src/openbench/evals/natural_questions.py`): NQ-open, scored by `qa_scorer`. */
import { accuracy, stderr } from '../../metrics';
import { createQaScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

export const NATURAL_QUESTIONS_PROMPT_TEMPLATE = `Answer the following question. Give a short, factual answer on the last line in the format "Answer: <your answer>".

Question: {question}`;

/** `"|".join(answers)` for the usual list, `str(answers)` otherwise. */
function targetOf(answers: unknown): string {
  return Array.isArray(answers) ? answers.join('|') : String(answers);
}

function naturalQuestions(options: TaskOptions): TaskBody {
  const { split } = taskArgs('natural_questions', options, { split: 'validation' });
  const repo = 'google-research-datasets/nq_open';
  return {
    dataset: fileDataset('nq_open', repo, hfParquetShard(repo, 'nq_open', split), (record, index) => ({
      id: autoId(index),
      input: pyFormat(NATURAL_QUESTIONS_PROMPT_TEMPLATE, { question: stringField(record, 'question') }),
      target: targetOf(record.answer),
    })),
    config: { temperature: 0.0, max_tokens: 256 },
    scorer: createQaScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const naturalQuestionsTask = generativeTask({
  name: 'natural_questions',
  display_name: 'Natural Questions',
  category: 'core',
  description: "Google's open-domain QA dataset with real Google queries answered from Wikipedia",
  tags: ['question-answering', 'factuality', 'open-domain'],
  sample_count: 3610, // nq_open validation split (dataset card)
  dataset: { source: 'hf:google-research-datasets/nq_open', subset: 'nq_open', split: 'validation' },
  scorer: SCORER.emF1,
}, naturalQuestions);
