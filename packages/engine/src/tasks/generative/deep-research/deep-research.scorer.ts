/**
 * openbench's `deep_research_scorer` (`scorers/deep_research_bench.py`, commit d03922c): the Score built from the
 * solver's metadata, and its 8 metrics (RACE means, FACT means and the pooled valid rate).
 */
import { parsePythonFloat, pyRound, pySum } from '../../../scorers/python-float.util';
import { pyStr } from '../../../scorers/python-str.util';
import { pyRepr } from '../../../scorers/python-text.util';
import type { Metric, ReducedScore, Score } from '../../../types';
import { errorText, PyError } from './deep-research-python.util';

/** Python's type name of a JSON-like value. */
function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python truthiness of a JSON-like value (`NaN` is true there). */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** `format(value, '.3f')`: half-even on the exact binary value, `nan`/`inf`, the sign of a negative that rounds to 0. */
export function formatFixed3(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1.000' : '0.000';
  if (typeof value === 'string') throw new PyError('ValueError', "Unknown format code 'f' for object of type 'str'");
  if (typeof value !== 'number') throw new PyError('TypeError', `unsupported format string passed to ${typeOf(value)}.__format__`);
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const rounded = pyRound(Math.abs(value), 3);
  return sign + (rounded >= 1e21 ? `${BigInt(rounded)}.000` : rounded.toFixed(3));
}

/** `float(value)`. */
function toFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = parsePythonFloat(value);
    if (parsed === null) throw new PyError('ValueError', `could not convert string to float: ${pyRepr(value)}`);
    return parsed;
  }
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeOf(value)}'`);
}

/** `value > 0`. */
function positive(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value) > 0;
  throw new PyError('TypeError', `'>' not supported between instances of '${typeOf(value)}' and 'int'`);
}

/** `dict.get(key, default)`. */
const get = (metadata: Record<string, unknown>, key: string, fallback: unknown): unknown =>
  Object.hasOwn(metadata, key) ? metadata[key] : fallback;

const ZERO_METRICS = {
  overall_score: 0,
  comprehensiveness: 0,
  insight: 0,
  instruction_following: 0,
  readability: 0,
  total_citations: 0,
  valid_citations: 0,
  valid_rate: 0,
};

/** The scorer's `score(state, target)`, from the completion and the sample's metadata after the solver. */
export function deepResearchScore(completion: string, metadata: Record<string, unknown>): Score {
  try {
    const overall = get(metadata, 'overall_score', 0);
    const evaluationError = get(metadata, 'evaluation_error', null);
    if (truthy(evaluationError)) {
      return {
        value: 0,
        answer: completion || 'No completion',
        explanation: `Evaluation error: ${pyStr(evaluationError)}`,
        metadata: { ...ZERO_METRICS, evaluation_error: evaluationError, is_correct: false },
      };
    }
    let factExplanation = '';
    if (positive(get(metadata, 'total_citations', 0))) {
      factExplanation =
        ` | FACT scores: ${pyStr(get(metadata, 'valid_citations', 0))}/${pyStr(get(metadata, 'total_citations', 0))}` +
        ` citations valid (${formatFixed3(get(metadata, 'valid_rate', 0))} citation accuracy)`;
    }
    const value = toFloat(overall);
    const answer = completion || 'Research article evaluation completed';
    const explanation =
      `RACE scores: ${formatFixed3(overall)} ` +
      `(Comprehensiveness: ${formatFixed3(get(metadata, 'comprehensiveness', 0))}, ` +
      `Insight: ${formatFixed3(get(metadata, 'insight', 0))}, ` +
      `Instruction Following: ${formatFixed3(get(metadata, 'instruction_following', 0))}, ` +
      `Readability: ${formatFixed3(get(metadata, 'readability', 0))})` +
      factExplanation;
    return {
      value,
      answer,
      explanation,
      metadata: {
        overall_score: overall,
        comprehensiveness: get(metadata, 'comprehensiveness', 0),
        insight: get(metadata, 'insight', 0),
        instruction_following: get(metadata, 'instruction_following', 0),
        readability: get(metadata, 'readability', 0),
        total_citations: get(metadata, 'total_citations', 0),
        valid_citations: get(metadata, 'valid_citations', 0),
        valid_rate: get(metadata, 'valid_rate', 0),
        task_id: get(metadata, 'task_id', null),
      },
    };
  } catch (error) {
    return {
      value: 0,
      answer: completion || 'No completion',
      explanation: `Scorer error: ${errorText(error)}`,
      metadata: { ...ZERO_METRICS, scorer_error: errorText(error) },
    };
  }
}

/** The scores whose metadata is a non-empty dict (upstream's `sample_score.score.metadata` test). */
const withMetadata = (scores: readonly ReducedScore[]): Record<string, unknown>[] =>
  scores.map((score) => score.score.metadata).filter((metadata): metadata is Record<string, unknown> => truthy(metadata));

/** A metric averaging one metadata field over the scored samples (0 without any). */
function metadataMean(name: string, key: string): Metric {
  return {
    name,
    compute(scores) {
      const values = withMetadata(scores).map((metadata) => Number(get(metadata, key, 0)));
      return values.length > 0 ? pySum(values) / values.length : 0;
    },
  };
}

export const comprehensivenessMetric = metadataMean('comprehensiveness', 'comprehensiveness');
export const insightMetric = metadataMean('insight', 'insight');
export const instructionFollowingMetric = metadataMean('instruction_following', 'instruction_following');
export const readabilityMetric = metadataMean('readability', 'readability');
export const overallScoreMetric = metadataMean('overall_score', 'overall_score');
export const totalCitationsMetric = metadataMean('total_citations', 'total_citations');
export const totalValidCitationsMetric = metadataMean('total_valid_citations', 'valid_citations');

/** Valid citations over all samples' citations (not a mean of per-sample rates). */
export const validRateMetric: Metric = {
  name: 'valid_rate',
  compute(scores) {
    let total = 0;
    let valid = 0;
    for (const metadata of withMetadata(scores)) {
      total += Number(get(metadata, 'total_citations', 0));
      valid += Number(get(metadata, 'valid_citations', 0));
    }
    return total > 0 ? valid / total : 0;
  },
};

/** The scorer's metrics, in upstream's order. */
export const DEEP_RESEARCH_METRICS: readonly Metric[] = [
  comprehensivenessMetric,
  insightMetric,
  instructionFollowingMetric,
  readabilityMetric,
  overallScoreMetric,
  totalCitationsMetric,
  totalValidCitationsMetric,
  validRateMetric,
];
