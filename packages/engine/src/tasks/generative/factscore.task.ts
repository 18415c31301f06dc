/**
 * openbench `factscore` (`evals/factscore.py`, `datasets/factscore.py`, `scorers/factscore.py`): the model writes a
 * biography for each prompt of lvogel123/factscore, and FactScoreLite's atomic facts are checked by the grader
 * against the entity's Wikipedia passages from the operator's copy of FActScore's knowledge base (FACTSCORE_DB_PATH).
 */
import type { DatasetRecord } from '@studio/datasets';
import { factscoreMetrics, mean } from '../../metrics';
import { createFactscoreScorer } from '../../scorers';
import type { Sample } from '../../types';
import { hfSplitDataset } from '../shared/hf-split.dataset';
import { autoId, recordGet } from './record-dataset.util';
import { generativeTask, graderModelFor, intArg, TaskArgumentError, taskArgs } from './task-definition.util';

const REPO = 'lvogel123/factscore';
export const FACTSCORE_DEFAULT_GRADER = 'openai/gpt-4o-mini';

/** `record_to_sample`: the prompt as the input, the record's metadata (the `entity` whose article is read) kept. */
export function factscoreSample(record: DatasetRecord, index: number): Sample {
  return {
    id: autoId(index),
    input: recordGet(record, 'prompt', '') as string,
    target: '',
    metadata: (recordGet(record, 'metadata', {}) as Record<string, unknown> | null) ?? {},
  };
}

export const factscoreTask = generativeTask(
  {
    name: 'factscore',
    display_name: 'FActScore',
    category: 'knowledge-qa',
    description: 'FActScore - a benchmark for fine-grained factuality scoring',
    tags: ['factuality', 'long-form', 'retrieval', 'wikipedia'],
    sample_count: null,
    dataset: { source: `hf:${REPO}` },
    scorer: 'FActScore (atomic-fact support)',
    requirements: { grader_model: FACTSCORE_DEFAULT_GRADER },
  },
  (options) => {
    // Paths on the host are the operator's to set (FACTSCORE_DB_PATH), not a run's.
    for (const name of ['cache_root', 'knowledge_source'])
      if (options.args && name in options.args)
        throw new TaskArgumentError(name, `factscore: ${name} is not accepted as a task argument; the operator sets the knowledge base with FACTSCORE_DB_PATH`);
    const args = taskArgs('factscore', options, { grader_model: FACTSCORE_DEFAULT_GRADER, gamma: '10', passages: '8' });
    return {
      dataset: hfSplitDataset('factscore', REPO, 'default', 'train', factscoreSample),
      config: { temperature: 0.2, max_tokens: 8192 },
      scorer: createFactscoreScorer({ gamma: intArg('factscore', 'gamma', args.gamma), passages: intArg('factscore', 'passages', args.passages) }),
      metrics: [mean(), factscoreMetrics()],
      graderModel: graderModelFor(options, args),
      services: ['factscore_wikipedia'],
      primaryMetric: 'mean',
    };
  },
);
