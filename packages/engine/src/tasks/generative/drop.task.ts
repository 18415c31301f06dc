/** openbench `drop` (`src/openbench/evals/drop.py`, `datasets/drop.py`): three-shot DROP from simple-evals' files. */
import { loadRecords, type DatasetRecord, type DatasetSource } from '@studio/datasets';
import { accuracy, dropMetrics, stderr } from '../../metrics';
import { createDropScorer } from '../../scorers';
import type { DatasetContext, Sample } from '../../types';
import { SCORER } from '../../catalog/benchmark.entry';
import type { TaskOptions } from '../task.types';
import { PythonRandom } from '../shared/python-random.util';
import { autoId, stringField } from './record-dataset.util';
import { generativeTask, intArg, taskArgs, type TaskBody } from './task-definition.util';

const SIMPLE_EVALS = 'https://openaipublic.blob.core.windows.net/simple-evals';
export const DROP_TRAIN_SOURCE: DatasetSource = { url: `${SIMPLE_EVALS}/drop_v0_train.jsonl.gz`, format: 'jsonl', gzip: true };
export const DROP_DEV_SOURCE: DatasetSource = { url: `${SIMPLE_EVALS}/drop_v0_dev.jsonl.gz`, format: 'jsonl', gzip: true };

/** `get_dataset`'s fixed seed: both the optional subsample and the few-shot draws use it. */
const SEED = 42;

const INTRO = 'You will be asked to read a passage and answer a question. Some examples of passages and Q&A are provided below.';
const INSTRUCTION = '\nThink step by step, then write a line of the form "Answer: $ANSWER" at the end of your response.';

/** The prompt parts joined with newlines, as upstream builds them (not simple-evals' own layout). */
export function dropPrompt(shots: readonly DatasetRecord[], test: DatasetRecord): string {
  const parts = [INTRO, '\n# Examples'];
  for (const shot of shots) parts.push('\n---', stringField(shot, 'context'), stringField(shot, 'completion'));
  parts.push('\n# Your Task\n---', stringField(test, 'context'), INSTRUCTION);
  return parts.join('\n');
}

/** `record.get("ref_text", "")`. */
function refText(record: DatasetRecord): string {
  const value = record.ref_text;
  return typeof value === 'string' ? value : '';
}

async function loadDrop(ctx: DatasetContext, numExamples: number | undefined, shotsPerPrompt: number): Promise<Sample[]> {
  const train = await loadRecords(DROP_TRAIN_SOURCE, ctx);
  let tests = await loadRecords(DROP_DEV_SOURCE, ctx);
  // `if num_examples:` — 0 means all, like None.
  if (numExamples) tests = new PythonRandom(SEED).sample(tests, Math.min(numExamples, tests.length));
  const rng = new PythonRandom(SEED);
  return tests.map((test, index) => {
    const shots = rng.sample(train, shotsPerPrompt);
    return {
      id: autoId(index),
      input: dropPrompt(shots, test),
      target: refText(test),
      metadata: {
        context: stringField(test, 'context'),
        completion: stringField(test, 'completion'),
        ref_text: refText(test),
        train_samples: shots,
      },
    };
  });
}

function drop(options: TaskOptions): TaskBody {
  const args = taskArgs('drop', options, { num_examples: '', train_samples_per_prompt: '3' });
  const numExamples = args.num_examples === '' ? undefined : intArg('drop', 'num_examples', args.num_examples);
  const shotsPerPrompt = intArg('drop', 'train_samples_per_prompt', args.train_samples_per_prompt);
  return {
    dataset: { name: 'drop', location: DROP_DEV_SOURCE.url, load: (ctx) => loadDrop(ctx, numExamples, shotsPerPrompt) },
    config: { temperature: 0.0, max_tokens: 8192 },
    scorer: createDropScorer(),
    metrics: [accuracy(), stderr(), dropMetrics()],
  };
}

export const dropTask = generativeTask({
  name: 'drop',
  display_name: 'DROP',
  category: 'core',
  description:
    'Reading comprehension benchmark requiring discrete reasoning over paragraphs (arithmetic, counting, sorting)',
  tags: ['reading-comprehension', 'reasoning', 'arithmetic', 'counting', 'sorting'],
  // DROP's dev split (Dua et al. 2019, table 2), which simple-evals' drop_v0_dev file holds.
  sample_count: 9536,
  dataset: { source: DROP_DEV_SOURCE.url, split: 'dev' },
  scorer: SCORER.emF1,
}, drop);
