/**
 * The scripted outside world of the deep_research_bench tests (engine and worker): the fixture files, the model's
 * articles, both Gemini judges' answers and Jina's pages. Sample 51 goes through RACE and FACT; sample 1's cleaning
 * never gives 100 characters; sample 52 has no reference article.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import type { DeepResearchCriteria } from '../src/tasks/generative/deep-research/deep-research.types';
import { GENERATIVE_FIXTURES } from './offline-cache.helper';
import type { JinaPage } from './fake-jina.server';

const shard = (repo: string) => hfFileUrl(repo, 'default/train/0000.parquet', 'refs/convert/parquet');
export const DRB_FILES = {
  [shard('lee64/deepresearch-bench-query')]: 'lee64-deepresearch-bench-query-default-train.parquet',
  [shard('lee64/deepresearch-bench-criteria')]: 'lee64-deepresearch-bench-criteria-default-train.parquet',
  [shard('lee64/deepresearch-bench-reference-clean')]: 'lee64-deepresearch-bench-reference-clean-default-train.parquet',
};

export const RACE = 'gemini-2.5-pro-preview-06-05';
export const FACT = 'gemini-2.5-flash-preview-05-20';
export const AGING = 'https://stats.example.org/aging';
export const SURVEY = 'https://missing.example.org/survey';

export const ARTICLE_51 =
  `# Japan's ageing consumers\n\nJapan will have about 39 million people aged 65 or over by 2040 [Cabinet Office](${AGING}). ` +
  `Their food spending grows by 2% a year (${AGING}). Clothing spending falls, as a trade survey shows [Survey](${SURVEY}).`;
export const ARTICLE_1 = '中国中产阶层约有四亿人。';
export const ARTICLE_52 = 'A short answer without any sources.';
/** The solver's article: the completion and upstream's citation section. */
export const CITED_51 = `${ARTICLE_51}\n\n## Citations\n\n1. ${AGING}\n2. ${SURVEY}\n\n`;
export const CLEANED_51 = 'Japan will have about 39 million people aged 65 or over by 2040. Their food spending grows by 2% a year. Clothing spending falls.';
const CLEANED_52 = 'A short answer without any sources, cleaned by the judge and padded to be long enough to count as an article.';
const fixture = (name: string) => readFileSync(join(GENERATIVE_FIXTURES, name), 'utf8');
export const REFERENCE_51 = (JSON.parse(fixture('deepresearch-bench-reference-clean.synthetic.rows.json')) as { id: number; article: string }[]).find((r) => r.id === 51)!.article;
const criteriaRows = fixture('deepresearch-bench-criteria.rows.jsonl')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as DeepResearchCriteria);

export const criteria51 = criteriaRows.find((row) => row.id === 51)!;
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

export function drbJudge(model: string, prompt: string): string {
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

export function drbArticle(prompt: string): string {
  if (prompt.startsWith('From 2020 to 2050')) return ARTICLE_51;
  if (prompt.startsWith('收集整理目前中国9阶层')) return ARTICLE_1;
  return ARTICLE_52;
}

/** Jina's pages: the aging report, and a 404 for everything else. */
export function drbPage(url: string): JinaPage {
  return url === AGING ? AGING_PAGE : { status: 404 };
}

/** upstream's calculate_weighted_scores on the scripted scores (Python 3, the function taken from openbench's source). */
export const DRB_SCORES_51 = {
  overall_score: 0.5348249729339588,
  comprehensiveness: 0.5714285714285714,
  insight: 0.5,
  instruction_following: 0.5625,
  readability: 0.4827586206896552,
};
