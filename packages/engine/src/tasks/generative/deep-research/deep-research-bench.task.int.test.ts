/**
 * deep_research_bench end to end, offline: real query and criteria rows (ids 1, 51, 52) with synthetic reference
 * articles (1 and 51), a local model, a local Gemini API as both judges and a local Jina reader. Sample 51 goes
 * through RACE and FACT; sample 1's cleaning never gives 100 characters; sample 52 has no reference article.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { createModelClient, type ModelClient } from '@studio/providers';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../../../../test/fake-chat-model.server';
import { FAKE_GEMINI_KEY, fakeGeminiUsage, startFakeGemini, type FakeGemini } from '../../../../test/fake-gemini.server';
import { FAKE_JINA_KEY, startFakeJina, type FakeJina } from '../../../../test/fake-jina.server';
import { GENERATIVE_FIXTURES, offlineCache, type OfflineCache } from '../../../../test/offline-cache.helper';
import { runEval } from '../../../runner';
import { createJinaClient } from '../../../scoring-services';
import { modelGenerator } from '../../../session/eval.session';
import type { SampleRecord } from '../../../types';
import { getTask } from '../../registry';
import { formatCriteriaList } from './deep-research-race';
import {
  formatPrompt,
  getCleanArticlePrompt,
  getDeduplicateCitationsPrompt,
  getExtractCitationsPrompt,
  getMergedScorePrompt,
  getValidateCitationsPrompt,
} from './deep-research.prompts';
import type { DeepResearchCriteria } from './deep-research.types';

const shard = (repo: string) => hfFileUrl(repo, 'default/train/0000.parquet', 'refs/convert/parquet');
const FILES = {
  [shard('lee64/deepresearch-bench-query')]: 'lee64-deepresearch-bench-query-default-train.parquet',
  [shard('lee64/deepresearch-bench-criteria')]: 'lee64-deepresearch-bench-criteria-default-train.parquet',
  [shard('lee64/deepresearch-bench-reference-clean')]: 'lee64-deepresearch-bench-reference-clean-default-train.parquet',
};

const RACE = 'gemini-2.5-pro-preview-06-05';
const FACT = 'gemini-2.5-flash-preview-05-20';
const AGING = 'https://stats.example.org/aging';
const SURVEY = 'https://missing.example.org/survey';

const ARTICLE_51 =
  `# Japan's ageing consumers\n\nJapan will have about 39 million people aged 65 or over by 2040 [Cabinet Office](${AGING}). ` +
  `Their food spending grows by 2% a year (${AGING}). Clothing spending falls, as a trade survey shows [Survey](${SURVEY}).`;
const ARTICLE_1 = '中国中产阶层约有四亿人。';
const ARTICLE_52 = 'A short answer without any sources.';
/** The solver's article: the completion and upstream's citation section. */
const CITED_51 = `${ARTICLE_51}\n\n## Citations\n\n1. ${AGING}\n2. ${SURVEY}\n\n`;
const CLEANED_51 = 'Japan will have about 39 million people aged 65 or over by 2040. Their food spending grows by 2% a year. Clothing spending falls.';
const CLEANED_52 = 'A short answer without any sources, cleaned by the judge and padded to be long enough to count as an article.';
const fixture = (name: string) => readFileSync(join(GENERATIVE_FIXTURES, name), 'utf8');
const REFERENCE_51 = (JSON.parse(fixture('deepresearch-bench-reference-clean.synthetic.rows.json')) as { id: number; article: string }[]).find((r) => r.id === 51)!.article;
const criteriaRows = fixture('deepresearch-bench-criteria.rows.jsonl')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as DeepResearchCriteria);

const criteria51 = criteriaRows.find((row) => row.id === 51)!;
const first = (dim: string) => criteria51.criterions[dim]![0]!.criterion;
/** One criterion per dimension: target 8/6/9/7 against the reference's 6/6/7/7.5. */
const RACE_JSON = JSON.stringify({
  comprehensiveness: [{ criterion: first('comprehensiveness'), analysis: 'fuller', article_1_score: 8, article_2_score: 6 }],
  insight: [{ criterion: first('insight'), analysis: 'same', article_1_score: 6, article_2_score: 6 }],
  instruction_following: [{ criterion: first('instruction_following'), analysis: 'direct', article_1_score: 9, article_2_score: 7 }],
  readability: [{ criterion: first('readability'), analysis: 'denser', article_1_score: 7, article_2_score: 7.5 }],
});

const EXTRACTED_51 = JSON.stringify([
  { fact: `Japan will have about 39 million people aged 65 or over by 2040 [Cabinet Office](${AGING})`, ref_idx: 1, url: AGING },
  { fact: 'Their food spending grows by 2% a year', ref_idx: 1, url: AGING },
  { fact: 'Clothing spending falls', ref_idx: 2, url: SURVEY },
]);
const AGING_PAGE = { title: 'Aging report', description: 'Projections', content: '39 million by 2040.' };

function judge(model: string, prompt: string): string {
  if (model === RACE) {
    if (prompt.startsWith('<system_role>你是一名专业的文章编辑')) return '太短';
    if (prompt.startsWith('<system_role>You are a professional article editor')) return prompt.includes('39 million') ? `  ${CLEANED_51}\n` : CLEANED_52;
    return `Here are my scores.\n\`\`\`json\n${RACE_JSON}\n\`\`\``;
  }
  if (prompt.startsWith('You will be provided with a research report') || prompt.startsWith('你会看到一篇研究报告'))
    return prompt.includes('39 million') ? `\`\`\`json\n${EXTRACTED_51}\n\`\`\`` : '[]';
  if (prompt.startsWith('You will be given a list of statements')) return '[1, 2]';
  if (prompt.includes('Aging report')) return '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "unsupported"}]';
  return '[{"idx": 1, "result": "unknown"}]';
}

function article(prompt: string): string {
  if (prompt.startsWith('From 2020 to 2050')) return ARTICLE_51;
  if (prompt.startsWith('收集整理目前中国9阶层')) return ARTICLE_1;
  return ARTICLE_52;
}

describe('deep_research_bench (real queries and criteria, synthetic references), judged by a local Gemini', () => {
  let cache: OfflineCache;
  let model: FakeChatModel;
  let gemini: FakeGemini;
  let jina: FakeJina;
  const clients: ModelClient[] = [];
  beforeAll(async () => {
    cache = offlineCache(GENERATIVE_FIXTURES, FILES);
    model = await startFakeChatModel({ respond: (body) => article(lastUserText(body)), usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 } });
    gemini = await startFakeGemini(judge);
    jina = await startFakeJina((url) => (url === AGING ? AGING_PAGE : { status: 404 }));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([model.close(), gemini.close(), jina.close()]);
    cache.remove();
  });
  const open = (id: string, apiKey: string, baseUrl: string) => {
    const client = createModelClient({ model: id, apiKey, baseUrl, maxRetries: 0 });
    clients.push(client);
    return modelGenerator(client);
  };

  it('scores sample 51 through RACE and FACT exactly, and the other two with upstream’s errors', async () => {
    const task = getTask('deep_research_bench');
    expect([task.config, task.judges, task.services, task.graderModel]).toEqual([
      { max_tokens: 36_000 },
      { race: `google/${RACE}`, fact: `google/${FACT}` },
      ['jina'],
      undefined,
    ]);
    const records: SampleRecord[] = [];
    const result = await runEval({
      task,
      model: open('openai/fake', 'k', model.baseUrl),
      judges: { race: open(`google/${RACE}`, FAKE_GEMINI_KEY, gemini.url), fact: open(`google/${FACT}`, FAKE_GEMINI_KEY, gemini.url) },
      services: { jina: createJinaClient({ apiKey: FAKE_JINA_KEY, baseUrl: jina.url }) },
      datasetContext: cache.ctx,
      maxConnections: 1,
      onSample: (r) => void records.push(r),
    });
    expect(result.status).toBe('success');
    expect(records.map((r) => r.sample_id)).toEqual(['1', '51', '52']);

    // The model under test: the query alone, with the task's max_tokens.
    expect(model.bodies().map((b) => [b.messages, b.max_tokens])).toEqual([
      [[{ role: 'user', content: records[0]!.input }], 36_000],
      [[{ role: 'user', content: records[1]!.input }], 36_000],
      [[{ role: 'user', content: records[2]!.input }], 36_000],
    ]);

    // Every judge call: one user turn, no system instruction, only the 16,000-token thinking budget.
    const calls = gemini.calls();
    for (const call of calls) {
      expect(call.body.contents).toEqual([{ role: 'user', parts: [{ text: call.prompt }] }]);
      expect(call.body.systemInstruction).toBeUndefined();
      expect(call.body.generationConfig).toEqual({ thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } });
    }
    const task51 = records[1]!.input as string;
    const cleanZh = formatPrompt(getCleanArticlePrompt('zh'), { article: ARTICLE_1 });
    const extract = (language: string, text: string) => [FACT, formatPrompt(getExtractCitationsPrompt(language), { report_text: text })];
    expect(calls.map((c) => [c.model, c.prompt])).toEqual([
      // Sample 1: five cleaning attempts, all too short, then FACT finds nothing.
      ...Array.from({ length: 5 }, () => [RACE, cleanZh]),
      extract('zh', ARTICLE_1),
      // Sample 51: cleaning, the merged score, extraction, the de-duplication of the URL cited twice, two validations.
      [RACE, formatPrompt(getCleanArticlePrompt('en'), { article: CITED_51 })],
      [
        RACE,
        formatPrompt(getMergedScorePrompt('en'), { task_prompt: task51, article_1: CLEANED_51, article_2: REFERENCE_51, criteria_list: formatCriteriaList(criteria51) }),
      ],
      extract('en', CITED_51),
      [FACT, formatPrompt(getDeduplicateCitationsPrompt('en'), { statements: '1. Japan will have about 39 million people aged 65 or over by 2040 [Cabinet Office]\n2. Their food spending grows by 2% a year' })],
      [
        FACT,
        formatPrompt(getValidateCitationsPrompt('en'), {
          reference: 'Aging report\n\nProjections\n\n39 million by 2040.',
          statements: '1. Japan will have about 39 million people aged 65 or over by 2040 [Cabinet Office]\n2. Their food spending grows by 2% a year',
        }),
      ],
      [FACT, formatPrompt(getValidateCitationsPrompt('en'), { reference: `scrape failed: Jina AI Reader Failed for ${SURVEY}: 404`, statements: '1. Clothing spending falls' })],
      // Sample 52: cleaned, but there is no reference article to compare with; FACT finds nothing.
      [RACE, formatPrompt(getCleanArticlePrompt('en'), { article: ARTICLE_52 })],
      extract('en', ARTICLE_52),
    ]);
    // The surveyed page is read three times (upstream's retries), the aging report once.
    expect(jina.urls()).toEqual([AGING, SURVEY, SURVEY, SURVEY]);

    // upstream's calculate_weighted_scores on these scores (Python 3, the function taken from openbench's source).
    const score51 = records[1]!.scores.deep_research_scorer!;
    expect(score51).toEqual({
      value: 0.5348249729339588,
      answer: ARTICLE_51,
      explanation:
        'RACE scores: 0.535 (Comprehensiveness: 0.571, Insight: 0.500, Instruction Following: 0.562, Readability: 0.483) | FACT scores: 1/2 citations valid (0.500 citation accuracy)',
      metadata: {
        overall_score: 0.5348249729339588,
        comprehensiveness: 0.5714285714285714,
        insight: 0.5,
        instruction_following: 0.5625,
        readability: 0.4827586206896552,
        total_citations: 2,
        valid_citations: 1,
        valid_rate: 0.5,
        task_id: 51,
      },
    });
    expect(records[1]!.metadata).toMatchObject({ task_id: 51, topic: records[1]!.metadata.topic, language: 'en', overall_score: 0.5348249729339588 });
    expect(records[0]!.scores.deep_research_scorer).toMatchObject({ value: 0, answer: ARTICLE_1, explanation: 'Evaluation error: Failed to clean article' });
    expect(records[2]!.scores.deep_research_scorer).toMatchObject({ value: 0, answer: ARTICLE_52, explanation: 'Evaluation error: Reference article not found' });
    expect(records[0]!.metadata).toMatchObject({ evaluation_error: 'Failed to clean article', total_citations: 0, valid_citations: 0, valid_rate: 0 });

    expect(result.results[0]!.metrics).toEqual({
      comprehensiveness: { name: 'comprehensiveness', value: 0.5714285714285714 / 3 },
      insight: { name: 'insight', value: 0.5 / 3 },
      instruction_following: { name: 'instruction_following', value: 0.5625 / 3 },
      readability: { name: 'readability', value: 0.4827586206896552 / 3 },
      overall_score: { name: 'overall_score', value: 0.5348249729339588 / 3 },
      total_citations: { name: 'total_citations', value: 2 / 3 },
      total_valid_citations: { name: 'total_valid_citations', value: 1 / 3 },
      valid_rate: { name: 'valid_rate', value: 0.5 },
    });

    // The judges' calls are metered with the sample, by model.
    const judgeUsage = (id: string) => calls.filter((c) => c.model === id).reduce((sum, c) => sum + fakeGeminiUsage(c.prompt).promptTokenCount, 0);
    expect(result.usage[`google/${RACE}`]).toMatchObject({ input_tokens: judgeUsage(RACE), output_tokens: 10 * 8, reasoning_tokens: 7 * 8 });
    expect(result.usage[`google/${FACT}`]).toMatchObject({ input_tokens: judgeUsage(FACT), output_tokens: 10 * 6, reasoning_tokens: 7 * 6 });
    expect(records[1]!.usage).toMatchObject({ output_tokens: 20 + 10 * 6 });
  }, 30_000);
});
