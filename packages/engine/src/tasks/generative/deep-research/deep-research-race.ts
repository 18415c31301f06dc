/**
 * RACE (article quality) of openbench's deep_research_bench (`solvers/deep_research_bench/deep_research_bench_race.py`,
 * commit d03922c), without its Gemini client: the judge, the model under test and sleeping come through `DeepResearchIo`.
 */
import { pySum } from '../../../scorers/python-float.util';
import { pyJsonDumps, pyJsonFromJs, type PyDict, type PyJson } from '../../../scorers/python-json.util';
import { pyLen, pyLower, pyStrip, PY_SPACE } from '../../../scorers/python-text.util';
import { formatPrompt, getCleanArticlePrompt, getMergedScorePrompt } from './deep-research.prompts';
import {
  contains,
  errorText,
  isDict,
  jsonLoads,
  jsonLoadsOrUndefined,
  PyError,
  toFloat,
  typeName,
} from './deep-research-python.util';
import type { DeepResearchCriteria, DeepResearchIo, RaceInput, RaceResult } from './deep-research.types';

export const RACE_DIMENSIONS = ['comprehensiveness', 'insight', 'instruction_following', 'readability'] as const;

const CODE_BLOCK = new RegExp(`\`\`\`json${PY_SPACE}*([\\s\\S]*?)${PY_SPACE}*\`\`\``, 'u');
/** Python's `\s` and `\d` (any Unicode decimal digit, which `float()` reads). */
const scoreEntry = (field: string) => new RegExp(`"${field}"${PY_SPACE}*:${PY_SPACE}*(\\p{Nd}+\\.?\\p{Nd}*)`, 'gu');
const CRITERION_ENTRY = new RegExp(`"criterion"${PY_SPACE}*:${PY_SPACE}*"([^"]+)"`, 'gu');

const loads = (text: string): boolean => jsonLoadsOrUndefined(text) !== undefined;

/** Method 6 of `extract_json_from_markdown`: the scores found by keyword, as `json.dumps` writes them. */
function keywordFallback(text: string): string | null {
  const result: PyDict = new Map();
  for (const dim of RACE_DIMENSIONS) {
    if (!text.includes(dim)) continue;
    const entries: PyJson[] = [];
    result.set(dim, entries);
    let dimStart = text.indexOf(`"${dim}"`);
    if (dimStart === -1) dimStart = text.indexOf(`'${dim}'`);
    if (dimStart === -1) dimStart = text.indexOf(dim);
    let nextDimStart = text.length;
    for (const nextDim of RACE_DIMENSIONS) {
      if (nextDim === dim) continue;
      let pos = text.indexOf(`"${nextDim}"`, dimStart);
      if (pos === -1) pos = text.indexOf(`'${nextDim}'`, dimStart);
      if (pos === -1) pos = text.indexOf(nextDim, dimStart + dim.length);
      if (pos !== -1 && pos < nextDimStart) nextDimStart = pos;
    }
    const dimContent = text.slice(dimStart, nextDimStart);
    const criteria = [...dimContent.matchAll(CRITERION_ENTRY)].map((match) => match[1]);
    const scores1 = [...dimContent.matchAll(scoreEntry('article_1_score'))].map((match) => toFloat(match[1]));
    const scores2 = [...dimContent.matchAll(scoreEntry('article_2_score'))].map((match) => toFloat(match[1]));
    for (let i = 0; i < Math.min(criteria.length, scores1.length, scores2.length); i++) {
      entries.push(
        new Map<string, PyJson>([
          ['criterion', criteria[i]],
          ['article_1_score', scores1[i]],
          ['article_2_score', scores2[i]],
        ]),
      );
    }
  }
  return [...result.values()].some((entries) => (entries as PyJson[]).length > 0) ? pyJsonDumps(result) : null;
}

/** `extract_json_from_markdown`: the JSON text in a judge's answer, or null. */
export function extractJsonFromMarkdown(raw: string): string | null {
  if (raw === '' || pyStrip(raw) === '') return null;
  const text = pyStrip(raw);
  if (text.startsWith('{') && text.endsWith('}') && loads(text)) return text;

  const fence = text.indexOf('```json');
  if (fence !== -1 && text.slice(fence + 7).includes('```')) {
    const start = fence + 7;
    const end = text.indexOf('```', start);
    if (end > start) {
      const jsonText = pyStrip(text.slice(start, end));
      if (loads(jsonText)) return jsonText;
    }
  }

  const match = CODE_BLOCK.exec(text);
  if (match !== null) {
    const jsonText = pyStrip(match[1]);
    if (loads(jsonText)) return jsonText;
  }

  if (loads(text)) return text;

  const braceStart = text.indexOf('{');
  if (braceStart !== -1) {
    let level = 0;
    for (let i = braceStart; i < text.length; i++) {
      if (text[i] === '{') level += 1;
      else if (text[i] === '}') {
        level -= 1;
        if (level === 0) {
          const candidate = text.slice(braceStart, i + 1);
          if (loads(candidate)) return candidate;
          break;
        }
      }
    }
  }

  const lastBrace = text.lastIndexOf('}');
  if (braceStart !== -1 && lastBrace !== -1 && lastBrace > braceStart) {
    const candidate = text.slice(braceStart, lastBrace + 1);
    if (loads(candidate)) return candidate;
  }

  if (text.includes('comprehensiveness') && text.includes('article_1_score') && text.includes('article_2_score')) {
    try {
      const fallback = keywordFallback(text);
      if (fallback !== null) return fallback;
    } catch {
      // Upstream ignores a failed fallback and returns None.
    }
  }
  return null;
}

export interface WeightedScores {
  target: { dims: Record<string, number>; total: number };
  reference: { dims: Record<string, number>; total: number };
}

/** `calculate_weighted_scores`: per-dimension weighted averages of both articles' scores, and their weighted totals. */
export function calculateWeightedScores(llmOutput: PyJson, criteria: DeepResearchCriteria): WeightedScores {
  const results: WeightedScores = { target: { dims: {}, total: 0 }, reference: { dims: {}, total: 0 } };
  let totalTarget = 0;
  let totalReference = 0;
  const dimensionWeights = criteria.dimension_weight ?? {};
  if (!criteria.criterions || Object.keys(criteria.criterions).length === 0) {
    // Upstream reads an `id` the criteria metadata it is given does not have.
    throw new PyError('ValueError', 'ID: Unknown - Missing required criterions data, cannot calculate weighted scores');
  }
  const criterionWeights = new Map<string, Map<string, number>>();
  for (const [dim, criterions] of Object.entries(criteria.criterions)) {
    criterionWeights.set(dim, new Map(criterions.map((crit) => [crit.criterion, crit.weight])));
  }
  if (!isDict(llmOutput)) throw new PyError('AttributeError', `'${typeName(llmOutput)}' object has no attribute 'items'`);

  // Function-scoped as in Python: the reference average reads the last item's `article_2_score`, whichever dimension
  // or skipped item set it.
  let article1Score: number | null = null;
  let article2Score: number | null = null;
  for (const [dim, scoresList] of llmOutput) {
    if (!Array.isArray(scoresList)) continue;
    if (!Object.hasOwn(dimensionWeights, dim)) continue;
    const dimCriteriaMap = criterionWeights.get(dim);
    if (dimCriteriaMap === undefined || dimCriteriaMap.size === 0) continue;
    let dimTargetSum = 0;
    let dimReferenceSum = 0;
    let dimTotalWeight = 0;
    for (const scoreItem of scoresList) {
      if (!isDict(scoreItem)) continue;
      const criterionRaw = scoreItem.get('criterion');
      const criterionText = typeof criterionRaw === 'string' ? pyStrip(criterionRaw) : null;
      let article1Raw = scoreItem.get('article_1_score') ?? null;
      const article2Raw = scoreItem.get('article_2_score') ?? null;
      const targetRaw = scoreItem.get('target_score') ?? null;
      if (targetRaw !== null && article1Raw === null) article1Raw = targetRaw;
      try {
        article1Score = article1Raw !== null ? toFloat(article1Raw) : null;
        article2Score = article2Raw !== null ? toFloat(article2Raw) : null;
      } catch (error) {
        if (error instanceof PyError && (error.kind === 'ValueError' || error.kind === 'TypeError')) continue;
        throw error;
      }
      if (!criterionText || article1Score === null) continue;
      let weight = dimCriteriaMap.get(criterionText);
      if (weight === undefined) {
        const criterionLower = pyLower(criterionText);
        for (const [key, value] of dimCriteriaMap) {
          if (pyLower(key) === criterionLower) {
            weight = value;
            break;
          }
        }
        if (weight === undefined) {
          for (const [key, value] of dimCriteriaMap) {
            if (pyLower(key).includes(criterionLower) || criterionLower.includes(pyLower(key))) {
              weight = value;
              break;
            }
          }
        }
      }
      if (weight === undefined) weight = pySum([...dimCriteriaMap.values()]) / dimCriteriaMap.size;
      dimTargetSum += article1Score * weight;
      dimTotalWeight += weight;
      if (article2Score !== null) dimReferenceSum += article2Score * weight;
    }
    let dimTargetAvg = 0;
    let dimReferenceAvg = 0;
    if (dimTotalWeight > 0) {
      dimTargetAvg = dimTargetSum / dimTotalWeight;
      dimReferenceAvg = article2Score !== null ? dimReferenceSum / dimTotalWeight : 0;
    }
    results.target.dims[`${dim}_weighted_avg`] = dimTargetAvg;
    results.reference.dims[`${dim}_weighted_avg`] = dimReferenceAvg;
    const dimWeight = dimensionWeights[dim] ?? 0;
    totalTarget += dimTargetAvg * dimWeight;
    totalReference += dimReferenceAvg * dimWeight;
  }
  results.target.total = totalTarget;
  results.reference.total = totalReference;
  return results;
}

/** `format_criteria_list`: the criteria without weights, `json.dumps(..., ensure_ascii=False, indent=2)`. */
export function formatCriteriaList(criteria: DeepResearchCriteria): string {
  const forPrompt: PyDict = new Map();
  for (const [dim, list] of Object.entries(criteria.criterions ?? {})) {
    if (!Array.isArray(list)) continue;
    const items: PyJson[] = [];
    forPrompt.set(dim, items);
    for (const item of list) {
      if (item !== null && typeof item === 'object' && 'criterion' in item && 'explanation' in item) {
        items.push(
          new Map([
            ['criterion', pyJsonFromJs(item.criterion)],
            ['explanation', pyJsonFromJs(item.explanation)],
          ]),
        );
      }
    }
  }
  return pyJsonDumps(forPrompt, { indent: 2, ensureAscii: false });
}

const isValidCleaningResult = (text: string, minLength = 100): boolean => text !== '' && pyLen(pyStrip(text)) >= minLength;

const isTokenLimitError = (error: unknown): boolean => {
  const message = errorText(error).toLowerCase();
  return message.includes('tokens') && message.includes('less than');
};

/** `clean_article_single_attempt`: the model under test cleans one chunk. */
async function cleanArticleSingleAttempt(rawArticle: string, language: string, io: DeepResearchIo): Promise<string | null> {
  const userPrompt = formatPrompt(getCleanArticlePrompt(language), { article: rawArticle });
  try {
    const cleaned = await io.modelUnderTest(userPrompt);
    if (isValidCleaningResult(cleaned)) return pyStrip(cleaned);
  } catch {
    // Upstream restores the messages and returns None.
  }
  return null;
}

/** Characters `chunk_clean_article` may cut after; the three control characters are upstream's. */
const SENTENCE_ENDS = new Set(['.', '?', '!', '\x02', '\x1f', '\x01', '\n']);

/**
 * `chunk_clean_article`: two halves (in code points) cleaned by the model under test. The first ends at a sentence end
 * within 200 characters before the middle, the second starts at the middle: upstream's halves overlap.
 */
async function chunkCleanArticle(rawArticle: string, language: string, io: DeepResearchIo): Promise<string | null> {
  const chars = Array.from(rawArticle);
  const chunkSize = Math.floor(chars.length / 2);
  let firstEnd = chunkSize;
  for (let j = chunkSize; j > Math.max(0, chunkSize - 200); j--) {
    if (j < chars.length && SENTENCE_ENDS.has(chars[j])) {
      firstEnd = j + 1;
      break;
    }
  }
  const chunks = [chars.slice(0, firstEnd), chars.slice(chunkSize)];
  const cleanedChunks: string[] = [];
  for (const chunk of chunks) {
    const cleaned = await cleanArticleSingleAttempt(chunk.join(''), language, io);
    if (cleaned === null && chunk.length > 200000) return null;
    cleanedChunks.push(cleaned ?? '');
  }
  return cleanedChunks.join('');
}

/** `clean_article`: up to 5 RACE judge calls; a token-limit error hands the article to the chunked cleaning. */
export async function cleanArticle(rawArticle: string, language: string, io: DeepResearchIo): Promise<string | null> {
  const userPrompt = formatPrompt(getCleanArticlePrompt(language), { article: rawArticle });
  for (let retry = 0; retry < 5; retry++) {
    try {
      const cleaned = await io.raceJudge(userPrompt);
      if (isValidCleaningResult(cleaned)) return pyStrip(cleaned);
    } catch (error) {
      if (isTokenLimitError(error)) return chunkCleanArticle(rawArticle, language, io);
    }
  }
  return null;
}

const MAX_SCORE_RETRIES = 10;

/** `run_race_evaluation`: clean, score against the reference with the criteria, normalise target / (target + reference). */
export async function runRaceEvaluation(input: RaceInput, io: DeepResearchIo): Promise<RaceResult> {
  const { prompt, language } = input;
  const cleanedArticle = await cleanArticle(input.article, language, io);
  if (cleanedArticle === null) return { error: 'Failed to clean article' };
  if (input.referenceArticle === undefined) return { error: 'Reference article not found' };
  if (input.criteria === undefined) return { error: 'Evaluation criteria not found' };
  const criteria = input.criteria;
  const userPrompt = formatPrompt(getMergedScorePrompt(language), {
    task_prompt: prompt,
    article_1: cleanedArticle,
    article_2: input.referenceArticle,
    criteria_list: formatCriteriaList(criteria),
  });

  let response: string | null = null;
  let llmOutput: PyJson = null;
  for (let retryCount = 0; ; ) {
    try {
      response = await io.raceJudge(userPrompt);
      const extracted = extractJsonFromMarkdown(response);
      if (!extracted) throw new PyError('ValueError', 'Failed to extract JSON from LLM response');
      llmOutput = jsonLoads(extracted);
      const output = llmOutput;
      if (!RACE_DIMENSIONS.every((dim) => contains(output, dim))) throw new PyError('ValueError', 'Missing expected dimensions');
      break;
    } catch {
      retryCount += 1;
      if (retryCount < MAX_SCORE_RETRIES) {
        await io.sleep(1.5 ** retryCount * 1000);
      } else {
        return {
          error: `Failed to get valid response after ${MAX_SCORE_RETRIES} retries`,
          model_output: response ? Array.from(response).slice(0, 500).join('') : 'No response',
        };
      }
    }
  }

  let overallScore = 0;
  const normalized: Record<string, number> = {};
  try {
    const scores = calculateWeightedScores(llmOutput, criteria);
    const targetTotal = scores.target.total;
    const referenceTotal = scores.reference.total;
    if (targetTotal + referenceTotal > 0) overallScore = targetTotal / (targetTotal + referenceTotal);
    for (const dim of RACE_DIMENSIONS) {
      const key = `${dim}_weighted_avg`;
      normalized[dim] = 0;
      if (Object.hasOwn(scores.target.dims, key)) {
        const target = scores.target.dims[key];
        const reference = scores.reference.dims[key];
        if (target + reference > 0) normalized[dim] = target / (target + reference);
      }
    }
  } catch (error) {
    return { error: `Error calculating scores: ${errorText(error)}` };
  }
  return {
    comprehensiveness: normalized.comprehensiveness,
    insight: normalized.insight,
    instruction_following: normalized.instruction_following,
    readability: normalized.readability,
    overall_score: overallScore,
  };
}
