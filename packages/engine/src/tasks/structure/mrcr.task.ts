/**
 * openbench `openai_mrcr`, `openai_mrcr_2n`, `openai_mrcr_4n`, `openai_mrcr_8n` (`evals/mrcr.py`, `datasets/mrcr.py`):
 * OpenAI's multi-round co-reference resolution. Each record is a long chat (a JSON list of messages) ending in a request
 * for the i-th of 2, 4 or 8 identical asks; the answer is scored by difflib's SequenceMatcher ratio per token-count bin.
 */
import type { ChatMessage, ChatRole } from '@studio/providers';
import { hfFileUrl, openRecords, type DatasetRecord, type DatasetSource } from '@studio/datasets';
import { subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import { mean, mrcrMetrics } from '../../metrics';
import { createMrcrScorer } from '../../scorers';
import type { Sample } from '../../types';
import { autoId, recordGet, stringField } from '../generative/record-dataset.util';
import { generativeTask, intArg, taskArgs, type TaskBody } from '../generative/task-definition.util';
import { getChatmlTokenCount } from '../shared/token-count.util';
import type { TaskOptions } from '../task.types';

const REPO = 'openai/mrcr';
/**
 * Studio's long-context threshold (as for GraphWalks): prompts run to about a million tokens, so smaller windows
 * overflow most samples.
 */
export const MRCR_MIN_CONTEXT = 128_000;
const NEEDLES = [2, 4, 8] as const;

/** `hf_dataset(path="openai/mrcr", split="train", data_files=f"{needles}needle.parquet")`: that file of the repository. */
const needleFile = (needles: number): DatasetSource => ({ url: hfFileUrl(REPO, `${needles}needle.parquet`), format: 'parquet' });

const ROLES = new Set<ChatRole>(['system', 'user', 'assistant']);

/** `str_to_chat_messages`: only system, user and assistant messages (any other role is a KeyError upstream). */
function chatMessages(prompt: string): ChatMessage[] {
  return (JSON.parse(prompt) as { role: string; content: unknown }[]).map((message) => {
    if (!ROLES.has(message.role as ChatRole)) throw new Error(`MRCR prompt has a message with role "${message.role}"`);
    return { role: message.role as ChatRole, content: String(message.content) };
  });
}

/** `record_to_sample`: null for a prompt over `max_context_size` tokens (upstream returns no sample). */
function toSample(record: DatasetRecord, maxContext: number | null): Omit<Sample, 'id'> | null {
  const prompt = stringField(record, 'prompt');
  const tokens = getChatmlTokenCount(prompt);
  if (maxContext !== null && tokens > maxContext) return null;
  const field = (key: string) => recordGet(record, key, null);
  return {
    input: chatMessages(prompt),
    target: stringField(record, 'answer'),
    metadata: {
      random_string_to_prepend: field('random_string_to_prepend'),
      n_needles: field('n_needles'),
      desired_msg_index: field('desired_msg_index'),
      total_messages: field('total_messages'),
      n_chars: field('n_chars'),
      raw_input_tok_cnt: tokens,
    },
  };
}

/**
 * `needles` null reads the whole repository as `load_dataset("openai/mrcr", split="train")` does with no configs: its
 * parquet files in name order, i.e. the 2-, 4- and 8-needle files.
 */
function mrcrTask(name: string, needles: number | null) {
  return (options: TaskOptions): TaskBody => {
    const args = taskArgs(name, options, { max_context_size: '' });
    const maxContext = args.max_context_size === '' ? null : intArg(name, 'max_context_size', args.max_context_size);
    const sources = (needles === null ? NEEDLES : [needles]).map(needleFile);
    return {
      dataset: {
        name: 'mrcr',
        location: REPO,
        async load(ctx) {
          const samples: Sample[] = [];
          for (const source of sources) {
            for await (const record of openRecords(source, ctx)) {
              const sample = toSample(record, maxContext);
              if (sample) samples.push({ id: autoId(samples.length), ...sample });
            }
          }
          return samples;
        },
      },
      config: { temperature: 0.0 },
      scorer: createMrcrScorer(),
      metrics: [mean(), mrcrMetrics()],
    };
  };
}

const MRCR_FAMILY: BenchmarkEntry = {
  name: 'openai_mrcr',
  display_name: 'OpenAI MRCR (Full)',
  category: 'core',
  description: 'Memory-Recall with Contextual Retrieval - long-context evaluation that measures recall of 2, 4, and 8 needles across million-token contexts',
  tags: ['long-context', 'retrieval', 'needle', 'sequence-matching'],
  sample_count: null,
  dataset: { source: 'hf:openai/mrcr' },
  scorer: 'SequenceMatcher ratio',
  requirements: { min_context_length: MRCR_MIN_CONTEXT },
};

export const MRCR_TASKS = [
  generativeTask(MRCR_FAMILY, mrcrTask('openai_mrcr', null)),
  ...NEEDLES.map((n) =>
    generativeTask(
      subtaskOf(MRCR_FAMILY, {
        name: `openai_mrcr_${n}n`,
        display_name: `OpenAI MRCR (${n} Needles)`,
        category: 'core',
        description: `Memory-Recall with Contextual Retrieval - long-context evaluation that measures recall of ${n} needles across million-token contexts`,
        tags: ['long-context', 'retrieval', 'needle', 'sequence-matching'],
        sample_count: null,
      }),
      mrcrTask(`openai_mrcr_${n}n`, n),
    ),
  ),
];
