/**
 * openbench `multichallenge` (`evals/multichallenge.py`, `datasets/multichallenge.py`): multi-turn conversations
 * whose last answer a strict judge checks against the target question; per-axis pass rates.
 */
import type { ChatMessage } from '@studio/providers';
import { accuracy, multichallengeMetrics, stderr } from '../../metrics';
import { createMultichallengeScorer } from '../../scorers';
import { SCORER } from '../../catalog/benchmark.entry';
import type { DatasetRecord } from '@studio/datasets';
import type { TaskOptions } from '../task.types';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { autoId, fileDataset, stringField } from './record-dataset.util';
import { SIMPLEQA_DEFAULT_GRADER } from './simpleqa.task';
import { generativeTask, graderModelFor, intArg, taskArgs, type TaskBody } from './task-definition.util';

const REPO = 'nmayorga7/multichallenge';

/** A conversation turn: `user` and `assistant` keep their role (lower-cased), any other role becomes a user message. */
function toMessage(turn: unknown): ChatMessage {
  const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
  const text = typeof content === 'string' ? content : '';
  return { role: typeof role === 'string' && role.toLowerCase() === 'assistant' ? 'assistant' : 'user', content: text };
}

function conversation(record: DatasetRecord, maxTurns: number | null): ChatMessage[] {
  const turns = record.CONVERSATION;
  if (!Array.isArray(turns)) throw new Error('MultiChallenge record has no CONVERSATION');
  // `convo_raw[-max_turns:]` for a positive max_turns: the last N messages.
  return (maxTurns !== null && maxTurns > 0 ? turns.slice(-maxTurns) : turns).map(toMessage);
}

function multichallenge(options: TaskOptions): TaskBody {
  const args = taskArgs('multichallenge', options, { grader_model: SIMPLEQA_DEFAULT_GRADER, max_turns: '' });
  const maxTurns = args.max_turns === '' ? null : intArg('multichallenge', 'max_turns', args.max_turns);
  return {
    dataset: fileDataset('multichallenge', REPO, hfParquetShard(REPO, 'default', 'train'), (record, index) => ({
      id: autoId(index),
      input: conversation(record, maxTurns),
      target: stringField(record, 'PASS_CRITERIA'),
      metadata: {
        question_id: record.QUESTION_ID,
        axis: record.AXIS,
        target_question: record.TARGET_QUESTION,
        pass_criteria: record.PASS_CRITERIA,
      },
    })),
    config: { temperature: 0.0 },
    scorer: createMultichallengeScorer(),
    metrics: [accuracy(), stderr(), multichallengeMetrics()],
    graderModel: graderModelFor(options, args),
  };
}

export const multichallengeTask = generativeTask({
  name: 'multichallenge',
  display_name: 'MultiChallenge',
  category: 'core',
  description: 'Multi-turn conversational tasks requiring reasoning, instruction retention, and coherence.',
  tags: ['multi-turn', 'reasoning', 'chat', 'judged'],
  sample_count: null,
  dataset: { source: 'hf:nmayorga7/multichallenge' },
  scorer: SCORER.llmJudge,
  requirements: { grader_model: SIMPLEQA_DEFAULT_GRADER },
}, multichallenge);
