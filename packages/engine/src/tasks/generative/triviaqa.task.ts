/** openbench `triviaqa` (`src/openbench/evals/triviaqa.py`): TriviaQA `rc` validation, scored by `qa_scorer`. */
import { openRecords } from '@studio/datasets';
import { accuracy, stderr } from '../../metrics';
import { createQaScorer } from '../../scorers';
import { pyFormat } from '../../scorers/python-text.util';
import type { DatasetContext, Sample } from '../../types';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { autoId, stringField } from './record-dataset.util';
import { generativeTask, taskArgs, type TaskBody } from './task-definition.util';

export const TRIVIAQA_PROMPT_TEMPLATE = `Answer the following trivia question. Give a short, factual answer on the last line in the format "Answer: <your answer>".

Question: {question}`;

/** `trivia_qa` is the legacy name of this repository. */
const REPO = 'mandarjoshi/trivia_qa';

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The answer value, its aliases and normalised aliases, each once, pipe-joined. Upstream collects
 * them in a Python set, whose order changes between processes; the scorer takes the best match
 * over the pieces, so only the set matters, and first-seen order keeps our targets stable.
 */
function targetOf(answer: unknown): string {
  const data = (answer ?? {}) as { value?: unknown; aliases?: unknown; normalized_aliases?: unknown };
  const all = new Set<string>();
  if (typeof data.value === 'string' && data.value) all.add(data.value);
  for (const alias of stringsOf(data.aliases)) all.add(alias);
  for (const alias of stringsOf(data.normalized_aliases)) all.add(alias);
  return [...all].join('|');
}

/**
 * The only columns the task reads. The `rc` config's evidence columns (`entity_pages`, `search_results`)
 * hold whole documents, most of each shard; left out, they are never decompressed or decoded.
 */
const COLUMNS = ['question', 'answer'];

/**
 * The `rc` config carries the evidence documents, so its validation split is converted into several
 * parquet shards; they are found through the Hub's listing and streamed in order, reading only the
 * question and answer of each row rather than the documents.
 */
async function loadTriviaqa(split: string, ctx: DatasetContext): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const source of await hfParquetShards(REPO, 'rc', split, ctx)) {
    for await (const record of openRecords({ ...source, columns: COLUMNS }, ctx)) {
      samples.push({
        id: autoId(samples.length),
        input: pyFormat(TRIVIAQA_PROMPT_TEMPLATE, { question: stringField(record, 'question') }),
        target: targetOf(record.answer),
      });
    }
  }
  return samples;
}

function triviaqa(options: TaskOptions): TaskBody {
  const { split } = taskArgs('triviaqa', options, { split: 'validation' });
  return {
    dataset: { name: 'trivia_qa', location: 'trivia_qa', load: (ctx) => loadTriviaqa(split, ctx) },
    config: { temperature: 0.0, max_tokens: 256 },
    scorer: createQaScorer(),
    metrics: [accuracy(), stderr()],
  };
}

export const triviaqaTask = generativeTask({
  name: 'triviaqa',
  display_name: 'TriviaQA',
  category: 'core',
  description: 'Large-scale reading comprehension dataset with trivia questions from Wikipedia and web',
  tags: ['question-answering', 'trivia', 'reading-comprehension'],
  sample_count: 17944, // trivia_qa rc validation split (dataset card)
  dataset: { source: 'hf:trivia_qa', subset: 'rc', split: 'validation' },
  scorer: SCORER.emF1,
}, triviaqa);
