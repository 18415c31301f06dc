/**
 * openbench `json_schema_scorer` (`scorers/json_schema.py`): the completion, stripped (and without a leading "```json"
 * and trailing "```"), must parse as JSON and validate against the sample's schema under JSON Schema 2020-12 with
 * format checking, as `Draft202012Validator(schema, format_checker=FormatChecker()).validate(data)` does.
 * Ajv 2020 validates here; the known differences from Python jsonschema are listed in the engine README.
 */
import type { RegExpEngine } from 'ajv/dist/types';
import type Ajv2020 from 'ajv/dist/2020';
import type { Score, Scorer } from '../types';
import { pyJsonLoads, pyJsonToJs } from './python-json.util';
import { compilePattern, PYTHON_FORMAT_CHECKS } from './json-schema-formats';
import { pyStrip } from './python-text.util';

/** Ajv keywords that Python's 2020-12 validator does not have: there they are ignored annotations. */
const NOT_IN_DRAFT_2020_12 = ['dependencies', '$recursiveRef', '$recursiveAnchor', 'id', 'nullable'];

/** Keys whose value is a map from names to schemas (not itself a schema). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keys whose value is data, which validation compares but never reads keywords from. */
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * A copy of the schema without the OpenAPI `nullable` keyword: Ajv reads it inside `type` whatever the vocabulary,
 * Python ignores it. Names in a schema map (a property called `nullable`) and data values are left alone.
 */
function withoutNullable(node: unknown, isMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutNullable(item));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isMap && key === 'nullable' && typeof value === 'boolean') continue;
    copy[key] = !isMap && DATA_KEYS.has(key) ? value : withoutNullable(value, !isMap && SCHEMA_MAPS.has(key));
  }
  return copy;
}

/** Schema patterns compile as `compilePattern` does; `code` only names it in standalone code, which is never generated here. */
const patternEngine: RegExpEngine = Object.assign((pattern: string) => compilePattern(pattern) ?? new RegExp(pattern, 'u'), {
  code: 'compilePattern',
});

/** A validator per schema: a fresh Ajv instance, since dataset schemas reuse `$id`s that one instance would refuse twice. */
function newAjv(): Ajv2020 {
  // Loaded on first use: Ajv takes tens of milliseconds to load, which every `studio eval` would pay at start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const ajv = new Ajv({
    strict: false,
    // Python's validate() never checks the schema against its meta-schema.
    validateSchema: false,
    logger: false,
    code: { regExp: patternEngine },
  });
  for (const keyword of NOT_IN_DRAFT_2020_12) ajv.removeKeyword(keyword);
  for (const [name, check] of Object.entries(PYTHON_FORMAT_CHECKS)) ajv.addFormat(name, { type: 'string', validate: check });
  return ajv;
}

export type SchemaVerdict = { compliant: true } | { compliant: false; error: string };

/** `Draft202012Validator(schema, format_checker=FormatChecker()).validate(data)`, as the scorer reports it. */
export function validateJsonSchema(schema: unknown, data: unknown): SchemaVerdict {
  let validate;
  try {
    validate = newAjv().compile(withoutNullable(schema) as object);
  } catch (error) {
    return { compliant: false, error: `validation_error: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (validate(data)) return { compliant: true };
  const first = validate.errors?.[0];
  return { compliant: false, error: `schema_validation_error: ${first ? `${first.instancePath || '/'} ${first.message ?? ''}`.trim() : 'invalid'}` };
}

/** `_strip_markdown`: `removeprefix("```json")` then `removesuffix("```")`. */
function stripMarkdown(text: string): string {
  const withoutPrefix = text.startsWith('```json') ? text.slice('```json'.length) : text;
  return withoutPrefix.endsWith('```') ? withoutPrefix.slice(0, -'```'.length) : withoutPrefix;
}

export function createJsonSchemaScorer(options: { stripMarkdown: boolean }): Scorer {
  return {
    name: 'json_schema_scorer',
    async score({ sample, completion }): Promise<Score> {
      const schemaData = sample.metadata?.schema;
      if (schemaData === undefined) {
        return { value: 'I', answer: completion, metadata: { json_valid: false, schema_compliant: false, api_error: false, error: 'no_schema' } };
      }
      const schema: unknown = typeof schemaData === 'string' ? JSON.parse(schemaData) : schemaData;
      const stripped = pyStrip(completion);
      const processed = options.stripMarkdown ? stripMarkdown(stripped) : stripped;
      let data: unknown;
      try {
        // Python's json.loads decides what parses (it also takes NaN and Infinity).
        data = pyJsonToJs(pyJsonLoads(processed));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { value: 'I', answer: completion, metadata: { json_valid: false, schema_compliant: false, api_error: false, error: `json_decode_error: ${message}` } };
      }
      const verdict = validateJsonSchema(schema, data);
      return {
        value: verdict.compliant ? 'C' : 'I',
        answer: completion,
        metadata: { json_valid: true, schema_compliant: verdict.compliant, api_error: false, error: verdict.compliant ? null : verdict.error },
      };
    },
  };
}
