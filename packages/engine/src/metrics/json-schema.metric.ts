/**
 * openbench's JSONSchemaBench metrics (`metrics/json_schema.py`): the share of calls without an API error, of those the
 * share that parsed as JSON, and of the parsed ones the share that matched the schema. Each is 0.0 with nothing to count.
 */
import type { Metric, ReducedScore } from '../types';

const flag = (score: ReducedScore, key: string) => Boolean(score.score.metadata?.[key]);
const hasMetadata = (score: ReducedScore) => score.score.metadata !== undefined && Object.keys(score.score.metadata).length > 0;
const share = (part: number, whole: number) => (whole === 0 ? 0.0 : part / whole);

export function apiSuccessRate(): Metric {
  return {
    name: 'api_success_rate',
    compute(scores) {
      return share(scores.filter((score) => hasMetadata(score) && !flag(score, 'api_error')).length, scores.length);
    },
  };
}

export function jsonValidity(): Metric {
  return {
    name: 'json_validity',
    compute(scores) {
      const called = scores.filter((score) => hasMetadata(score) && !flag(score, 'api_error'));
      return share(called.filter((score) => flag(score, 'json_valid')).length, called.length);
    },
  };
}

export function schemaCompliance(): Metric {
  return {
    name: 'schema_compliance',
    compute(scores) {
      const parsed = scores.filter((score) => hasMetadata(score) && flag(score, 'json_valid'));
      return share(parsed.filter((score) => flag(score, 'schema_compliant')).length, parsed.length);
    },
  };
}
