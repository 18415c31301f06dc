/** openbench `squad_v2` (`src/openbench/evals/squad_v2.py`): SQuAD 2.0 dev, scored by `qa_scorer`. */
import { accuracy, stderr } from '../../metrics';
import { createQaScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

export const SQUAD_V2_PROMPT_TEMPLATE = `Read the passage and answer the question. If the question cannot be answered from the passage, respond with "unanswerable". Give your answer on the last line in the format "Answer: <your answer>".

Passage: {context}

Question: {question}`;

/**
 * `"unanswerable"` without answers, else `"|".join(set(answers))`. Python's set order changes from
 * process to process (string hashing is salted); the scorer takes the best match over the pieces,
 * so only the set matters, and first-seen order keeps our targets stable.
 */
function targetOf(answers: unknown): string {
  const texts = (answers as { text?: unknown } | null)?.text;
  if (!Array.isArray(texts)) throw new Error('SQuAD v2 record has no answers.text list');
  return texts.length === 0 ? 'unanswerable' : [...new Set(texts.map(String))].join('|');
}

function squadV2(options: TaskOptions): TaskBody {
  const { split } = taskArgs('squad_v2', options, { split: 'validation' });
  return {
    // `hf_dataset("squad_v2")`: the legacy name of rajpurkar/squad_v2, whose only config is squad_v2.
    dataset: fileDataset('squad_v2', 'squad_v2', hfParquetShard('rajpurkar/squad_v2', 'squad_v2', split), (record, index) => ({
      id: autoId(index),
      input: pyFormat(SQUAD_V2_PROMPT_TEMPLATE, {
        context: stringField(record, 'context'),
        question: stringField(record, 'question'),
      }),
      target: targetOf(record.answers),
      metadata: { title: typeof record.title === 'string' ? record.title : '' },
    })),
    config: { temperature: 0.0, max_tokens: 256 },
    scorer: createQaScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const squadV2Task = generativeTask({
  name: 'squad_v2',
  display_name: 'SQuAD v2',
  category: 'core',
  description: 'Stanford Question Answering Dataset 2.0 with answerable and unanswerable questions',
  tags: ['question-answering', 'reading-comprehension', 'extractive-qa'],
  sample_count: 11873, // squad_v2 validation split (dataset card)
  dataset: { source: 'hf:squad_v2', subset: 'squad_v2', split: 'validation' },
  scorer: SCORER.emF1,
}, squadV2);
