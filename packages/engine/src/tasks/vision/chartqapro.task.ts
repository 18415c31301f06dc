/**
 * openbench `chartqapro` (`evals/chartqapro.py`, `datasets/chartqapro.py`, `solvers/chartqapro.py`,
 * `prompts/chartqapro.py`, `scorers/chartqapro.py`, `metrics/chartqapro.py`): every question of a chart asked in one
 * conversation under the question type's system prompt (the image and context paragraph with the first), the last
 * reply's extracted answer scored against the last answer by `src/scorers/chartqapro.scorer.ts`.
 */
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { ChatMessage, GenerateResult } from '@studio/providers';
import { accuracy, chartqaproMetrics, stderr } from '../../metrics';
import { createChartqaproScorer, extractFinalAnswer, extractPotAnswer } from '../../scorers/chartqapro.scorer';
import type { Sample, Solver, TaskDataset } from '../../types';
import { generativeTask, TaskArgumentError, taskArgs } from '../generative/task-definition.util';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { datasetImage } from '../shared/image.util';
import { samplesOf } from '../shared/record-samples.util';
import { chartqaproSystemPrompt, formatQuestionWithParagraph, type ChartqaproStrategy } from './chartqapro.prompts';

export const CHARTQAPRO_REPO = 'ahmed-masry/ChartQAPro';

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => String(item)) : []);

/**
 * `record_to_sample`: the image and first question as the input (the solver rebuilds the conversation), the last
 * answer as the target. Upstream's id is `record.get("id", hash(str(record)))`: the dataset has no `id` column and
 * CPython salts `hash` per process, so the id here is the row's 1-based position in the split (README, deviations).
 */
export function chartqaproRecordToSample(record: DatasetRecord, index: number): Sample {
  const image = datasetImage(record.image);
  const questions = stringList(record.Question);
  const answers = stringList(record.Answer);
  const questionType = String(record['Question Type']);
  const paragraph = record.Paragraph ?? '';
  return {
    id: String(index + 1),
    input: [{ role: 'user', content: [image, { type: 'text', text: questions[0] }] }],
    // Conversational charts score only the last answer; the others use their last (usually only) one too.
    target: answers[answers.length - 1],
    metadata: {
      image_data_uri: image.image,
      questions,
      answers,
      question_type: questionType,
      year_flags: Array.isArray(record.Year) ? record.Year : [],
      paragraph,
      num_questions: questions.length,
    },
  };
}

/** The test split (`hf_dataset(path, split="test")`): every shard of the parquet conversion in order, rows numbered across shards. */
const chartqaproDataset: TaskDataset = {
  name: 'chartqapro',
  location: CHARTQAPRO_REPO,
  async load(ctx) {
    const samples: Sample[] = [];
    for (const shard of await hfParquetShards(CHARTQAPRO_REPO, 'default', 'test', ctx)) {
      const records = await loadRecords({ ...shard, binary: true }, ctx);
      const converted = await samplesOf(records, chartqaproRecordToSample);
      // A later shard's positions continue the earlier shards' (the converted samples are shared: copied to re-id).
      const offset = samples.length;
      samples.push(...(offset === 0 ? converted : converted.map((sample, i) => ({ ...sample, id: String(offset + i + 1) }))));
    }
    return samples;
  },
};

/** `chartqapro_solver(prompt_strategy)`: the questions in turn, each reply kept in the conversation. */
function chartqaproSolver(strategy: ChartqaproStrategy): Solver {
  return {
    name: 'chartqapro_solver',
    params: { prompt_strategy: strategy },
    async solve({ sample, generate, signal }) {
      const metadata = sample.metadata ?? {};
      const questions = metadata.questions as string[];
      const paragraph = metadata.paragraph;
      const conversation: ChatMessage[] = [
        { role: 'system', content: chartqaproSystemPrompt(String(metadata.question_type), strategy) },
        {
          role: 'user',
          content: [
            { type: 'image', image: metadata.image_data_uri as string },
            { type: 'text', text: formatQuestionWithParagraph(questions[0], typeof paragraph === 'string' ? paragraph : null) },
          ],
        },
      ];
      const responses: string[] = [];
      let last: GenerateResult | undefined;
      for (let i = 0; i < questions.length; i++) {
        // Later questions carry no paragraph; Inspect's generate() appends each reply to the conversation.
        if (i > 0) conversation.push({ role: 'user', content: `Question: ${questions[i]}` });
        last = await generate(conversation);
        conversation.push({ role: 'assistant', content: last.completion });
        responses.push(last.completion);
      }
      const finalResponse = responses[responses.length - 1];
      const answer = strategy === 'pot' ? await extractPotAnswer(finalResponse, signal) : extractFinalAnswer(finalResponse, strategy);
      return {
        messages: conversation,
        output: { ...(last as GenerateResult), completion: answer },
        metadata: { all_responses: responses, full_response: finalResponse, prompt_strategy: strategy },
      };
    },
  };
}

export const chartqaproTask = generativeTask(
  {
    name: 'chartqapro',
    display_name: 'ChartQAPro',
    category: 'core',
    description:
      'Comprehensive chart understanding benchmark with 1,948 samples testing vision-language models across 5 question types (Factoid, Multi Choice, Hypothetical, Fact Checking, Conversational) with support for direct, CoT, and PoT prompting strategies',
    tags: ['vision', 'multi-modal', 'charts', 'reasoning', 'multi-turn'],
    sample_count: 1948, // openbench's description
    dataset: { source: `hf:${CHARTQAPRO_REPO}` },
    scorer: 'ChartQAPro relaxed accuracy',
    requirements: { vision: true },
  },
  (options) => {
    const { prompt_strategy } = taskArgs('chartqapro', options, { prompt_strategy: 'direct' });
    if (prompt_strategy !== 'direct' && prompt_strategy !== 'cot' && prompt_strategy !== 'pot') {
      throw new TaskArgumentError('prompt_strategy', `chartqapro: prompt_strategy must be one of direct, cot, pot, got "${prompt_strategy}"`);
    }
    return {
      dataset: chartqaproDataset,
      config: {},
      solver: chartqaproSolver(prompt_strategy),
      scorer: createChartqaproScorer(),
      metrics: [accuracy(), stderr(), chartqaproMetrics()],
      primaryMetric: 'accuracy',
    };
  },
);
