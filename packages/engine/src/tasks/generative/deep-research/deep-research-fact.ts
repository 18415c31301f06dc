/**
 * FACT (citation accuracy) of openbench's deep_research_bench (`solvers/deep_research_bench/deep_research_bench_fact.py`,
 * commit d03922c), without its Gemini client and Jina's HTTP: judges, scraper and sleeping come through the io.
 * The judges' JSON is handled as the Python values `json.loads` gives, so odd answers fail or pass as upstream.
 */
import { pyJsonToJs, type PyDict, type PyJson } from '../../../scorers/python-json.util';
import {
  formatPrompt,
  getDeduplicateCitationsPrompt,
  getExtractCitationsPrompt,
  getValidateCitationsPrompt,
} from './deep-research.prompts';
import {
  contains,
  containsZero,
  dictGet,
  errorText,
  getItem,
  hashKey,
  intBetween,
  isDict,
  itemAt,
  iterate,
  jsonLoads,
  length,
  minusOne,
  PyError,
  str,
  truthy,
  typeName,
} from './deep-research-python.util';
import type { DeepResearchIo, DeepResearchScraper, FactInput, FactResult } from './deep-research.types';

const MARKDOWN_LINK = /\[([^\]]+)\]\(([^)]+)\)/gu;

/** `remove_urls`: `[title](url)` becomes `[title]`. */
export function removeUrls(text: PyJson): string {
  if (typeof text !== 'string') throw new PyError('TypeError', `expected string or bytes-like object, got '${typeName(text)}'`);
  return text.replace(MARKDOWN_LINK, '[$1]');
}

/** `clean_escape`: escapes JSON does not know, which the judge writes. */
export const cleanEscape = (text: string): string =>
  text.replaceAll('\\>', '>').replaceAll('\\<', '<').replaceAll('\\+', '+').replaceAll('\\~', '~');

const stripFences = (text: string): string => text.replaceAll('```json', '').replaceAll('```', '');

type Extracted = { citations: PyJson } | { error: PyJson };

/** `extract_citations`: up to 3 FACT judge calls; an empty answer is retried at once, a failure after 1.5**n s. */
async function extractCitations(rawArticle: string, language: string, io: DeepResearchIo): Promise<Extracted> {
  const userPrompt = formatPrompt(getExtractCitationsPrompt(language), { report_text: rawArticle });
  const maxRetries = 3;
  for (let retry = 0; retry < maxRetries; retry++) {
    try {
      const response = await io.factJudge(userPrompt);
      if (!response) continue;
      const citations = jsonLoads(cleanEscape(stripFences(response)));
      for (const citation of iterate(citations)) {
        if (contains(citation, 'fact')) {
          // Only a dict gets past `getItem`.
          (citation as PyDict).set('fact', removeUrls(getItem(citation, 'fact')));
        }
      }
      return { citations };
    } catch (error) {
      if (retry === maxRetries - 1) return { error: `Citation extraction failed after ${maxRetries} retries: ${errorText(error)}` };
      await io.sleep(1.5 ** retry * 1000);
    }
  }
  return { error: 'Citation extraction failed' };
}

interface CitationGroup {
  url: PyJson;
  facts: PyJson[];
  urlContent: string | null;
  validateRes?: PyJson;
  validateError?: string | null;
}

/** `deduplicate_citations`: citations grouped by URL; a URL cited more than once has its facts de-duplicated by the judge. */
async function deduplicateCitations(citations: PyJson, language: string, io: DeepResearchIo): Promise<CitationGroup[]> {
  if (!truthy(citations) || contains(citations, 'error')) return [];
  const groups = new Map<string, { url: PyJson; group: PyJson[] }>();
  for (const citation of iterate(citations)) {
    const url = dictGet(citation, 'url') ?? null;
    if (!truthy(url)) continue;
    const key = hashKey(url);
    const entry = groups.get(key) ?? { url, group: [] };
    groups.set(key, entry);
    entry.group.push(citation);
  }

  const deduped: CitationGroup[] = [];
  for (const { url, group } of groups.values()) {
    if (group.length === 1) {
      deduped.push({ url, facts: [getItem(group[0], 'fact')], urlContent: null });
      continue;
    }
    const statements = group.map((citation, i) => `${i + 1}. ${str(getItem(citation, 'fact'))}`).join('\n');
    const userPrompt = formatPrompt(getDeduplicateCitationsPrompt(language), { statements });
    const keepAll = (): PyJson[] => group.map((_citation, i) => BigInt(i + 1));
    let dedupedIdx: PyJson = [];
    for (let retry = 0; retry < 3; retry++) {
      try {
        dedupedIdx = jsonLoads(stripFences(await io.factJudge(userPrompt)));
        break;
      } catch {
        if (retry === 2) dedupedIdx = keepAll();
        await io.sleep(1000);
      }
    }
    if (!truthy(dedupedIdx) || containsZero(dedupedIdx) || length(dedupedIdx) > group.length) dedupedIdx = keepAll();
    const facts: PyJson[] = [];
    for (const index of iterate(dedupedIdx)) {
      if (intBetween(1, index, group.length)) facts.push(getItem(itemAt(group, index), 'fact'));
    }
    deduped.push({ url, facts, urlContent: null });
  }
  return deduped;
}

/** `scrape_citations`: each URL read through the scraper, up to 3 tries 1 s apart. */
async function scrapeCitations(groups: CitationGroup[], scraper: DeepResearchScraper, io: DeepResearchIo): Promise<void> {
  for (const group of groups) {
    const url = str(group.url);
    for (let retry = 0; retry < 3; retry++) {
      try {
        const result = await scraper.scrape(url);
        if ('error' in result) {
          if (retry < 2) {
            await io.sleep(1000);
            continue;
          }
          group.urlContent = `scrape failed: ${result.error}`;
        } else {
          group.urlContent = `${result.title}\n\n${result.description}\n\n${result.content}`;
        }
        break;
      } catch (error) {
        if (retry < 2) {
          await io.sleep(1000);
          continue;
        }
        group.urlContent = `scrape failed: ${errorText(error)}`;
      }
    }
  }
}

/** `validate_citations`: the judge marks each fact supported / unsupported / unknown against the URL's content. */
async function validateCitations(groups: CitationGroup[], language: string, io: DeepResearchIo): Promise<void> {
  for (const group of groups) {
    const reference = group.urlContent;
    const { facts } = group;
    if (!reference || facts.length === 0) {
      group.validateRes = [];
      group.validateError = 'no reference content or facts';
      continue;
    }
    const statements = facts.map((fact, i) => `${i + 1}. ${str(fact)}`).join('\n');
    const userPrompt = formatPrompt(getValidateCitationsPrompt(language), { reference, statements });
    for (let retry = 0; retry < 3; retry++) {
      try {
        const validateRes = jsonLoads(stripFences(await io.factJudge(userPrompt)));
        for (const item of iterate(validateRes)) {
          (item as PyDict).set('idx', minusOne(getItem(item, 'idx')));
        }
        if (length(validateRes) !== facts.length) {
          if (retry < 2) {
            await io.sleep(3000);
            continue;
          }
          throw new PyError('ValueError', `Response length ${length(validateRes)} doesn't match facts length ${facts.length}`);
        }
        group.validateRes = validateRes;
        group.validateError = null;
        break;
      } catch (error) {
        if (retry < 2) {
          await io.sleep(3000);
        } else {
          group.validateRes = [];
          group.validateError = errorText(error);
        }
      }
    }
  }
}

/** `calculate_fact_statistics`: facts judged other than "unknown", and those "supported", over groups that validated. */
function calculateFactStatistics(groups: readonly CitationGroup[]): { total_citations: number; valid_citations: number; valid_rate: number } {
  let total = 0;
  let valid = 0;
  for (const group of groups) {
    if (group.validateError !== null) continue;
    for (const item of iterate(group.validateRes ?? [])) {
      const result = dictGet(item, 'result');
      if (result !== 'unknown') {
        total += 1;
        if (result === 'supported') valid += 1;
      }
    }
  }
  return { total_citations: total, valid_citations: valid, valid_rate: total > 0 ? valid / total : 0 };
}

/** `run_fact_evaluation`: extract → de-duplicate → scrape → validate → count. */
export async function runFactEvaluation(input: FactInput, io: DeepResearchIo & DeepResearchScraper): Promise<FactResult> {
  const { article, language } = input;
  try {
    const extracted = await extractCitations(article, language, io);
    if ('error' in extracted) return { fact_error: pyJsonToJs(extracted.error) };
    const { citations } = extracted;
    if (isDict(citations) && citations.has('error')) return { fact_error: pyJsonToJs(citations.get('error') as PyJson) };
    if (!truthy(citations)) return { total_citations: 0, valid_citations: 0, valid_rate: 0 };
    const groups = await deduplicateCitations(citations, language, io);
    await scrapeCitations(groups, io, io);
    await validateCitations(groups, language, io);
    return calculateFactStatistics(groups);
  } catch (error) {
    return { fact_error: `FACT evaluation failed: ${errorText(error)}` };
  }
}
