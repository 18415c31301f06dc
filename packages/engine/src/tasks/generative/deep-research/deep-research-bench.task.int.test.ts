/**
 * deep_research_bench end to end, offline: real query and criteria rows (ids 1, 51, 52) with synthetic reference
 * articles (1 and 51), a local model, a local Gemini API as both judges and a local Jina reader (the script is in
 * deep-research-run.helper.ts).
 */
import { createModelClient, type ModelClient } from '@studio/providers';
import {
  AGING,
  ARTICLE_1,
  ARTICLE_51,
  ARTICLE_52,
  CITED_51,
  CLEANED_51,
  criteria51,
  DRB_FILES,
  DRB_SCORES_51,
  drbArticle,
  drbJudge,
  drbPage,
  FACT,
  RACE,
  REFERENCE_51,
  SURVEY,
} from '../../../../test/deep-research-run.helper';
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

describe('deep_research_bench (real queries and criteria, synthetic references), judged by a local Gemini', () => {
  let cache: OfflineCache;
  let model: FakeChatModel;
  let gemini: FakeGemini;
  let jina: FakeJina;
  const clients: ModelClient[] = [];
  beforeAll(async () => {
    cache = offlineCache(GENERATIVE_FIXTURES, DRB_FILES);
    model = await startFakeChatModel({ respond: (body) => drbArticle(lastUserText(body)), usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 } });
    gemini = await startFakeGemini(drbJudge);
    jina = await startFakeJina(drbPage);
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

    const score51 = records[1]!.scores.deep_research_scorer!;
    expect(score51).toEqual({
      value: 0.5348249729339588,
      answer: ARTICLE_51,
      explanation:
        'RACE scores: 0.535 (Comprehensiveness: 0.571, Insight: 0.500, Instruction Following: 0.562, Readability: 0.483) | FACT scores: 1/2 citations valid (0.500 citation accuracy)',
      metadata: {
        ...DRB_SCORES_51,
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
  it('ends the run on a judge’s fatal error (a bad Google key) after one call, instead of scoring every sample 0', async () => {
    const before = gemini.requests.length;
    const result = await runEval({
      task: getTask('deep_research_bench'),
      model: open('openai/fake', 'k', model.baseUrl),
      judges: { race: open(`google/${RACE}`, 'AIza-wrong', gemini.url), fact: open(`google/${FACT}`, 'AIza-wrong', gemini.url) },
      services: { jina: createJinaClient({ apiKey: FAKE_JINA_KEY, baseUrl: jina.url }) },
      datasetContext: cache.ctx,
      maxConnections: 1,
    });
    expect(result.status).toBe('error');
    expect(result.error).toBe('RACE judge google/gemini-2.5-pro-preview-06-05 failed: google: request rejected (HTTP 400): API key not valid. Please pass a valid API key.');
    expect(gemini.requests.length - before).toBe(1);
  });
});
