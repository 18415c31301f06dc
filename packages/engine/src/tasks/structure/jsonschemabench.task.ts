/**
 * openbench `jsonschemabench` (`evals/jsonschemabench.py`, `datasets/jsonschemabench/jsonschemabench.py`,
 * `scorers/json_schema.py`): write a JSON object that matches a real-world schema. The schema is adapted as
 * JSONSchemaBench does (on by default), optionally preceded by the subset's few-shot pairs, and the answer is validated
 * under JSON Schema 2020-12 with format checks.
 */
import type { ChatMessage } from '@studio/providers';
import { openRecords, type DatasetRecord } from '@studio/datasets';
import { accuracy, apiSuccessRate, jsonValidity, schemaCompliance, stderr } from '../../metrics';
import { createJsonSchemaScorer } from '../../scorers';
import type { Sample } from '../../types';
import { autoId, stringField } from '../generative/record-dataset.util';
import { boolArg, generativeTask, intArg, TaskArgumentError, taskArgs, type TaskBody } from '../generative/task-definition.util';
import { hfParquetShards } from '../shared/hf-parquet.source';
import { pyJsonDumps, pyJsonLoads, type PyJson } from '../../scorers/python-json.util';
import type { TaskOptions } from '../task.types';
import { JSONSCHEMABENCH_FEWSHOT } from './jsonschemabench-fewshot.data';
import { OPENAI_COMPATIBLE_IDS } from './jsonschemabench-openai-ids.data';

const REPO = 'epfl-dlab/JSONSchemaBench';
export const JSONSCHEMABENCH_SYSTEM_PROMPT = 'You need to generate a JSON object that matches the schema below.';

/** `split_param`: "all" is `train[:]+val[:]+test[:]`. */
const SPLITS: Readonly<Record<string, readonly string[]>> = { test: ['test'], val: ['val'], train: ['train'], all: ['train', 'val', 'test'] };

const isObject = (value: PyJson | undefined): value is Map<string, PyJson> => value instanceof Map;
/** Python truthiness of a JSON value. */
function truthy(value: PyJson | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (typeof value === 'bigint') return value !== 0n;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (typeof value === 'number') return value !== 0;
  return true;
}

/** `_recursively_set_additional_properties_false`. */
function setAdditionalPropertiesFalse(schema: PyJson): void {
  if (!isObject(schema)) return;
  if ((!schema.has('additionalProperties') || truthy(schema.get('additionalProperties'))) && truthy(schema.get('properties'))) {
    schema.set('additionalProperties', false);
  }
  const properties = schema.get('properties');
  // `for prop in schema["properties"]`: a dict's keys (a list's items would fail in Python the same way).
  if (schema.has('properties')) {
    if (!isObject(properties)) throw new Error('schema "properties" is not an object');
    for (const property of properties.values()) setAdditionalPropertiesFalse(property);
  }
  if (schema.has('items')) setAdditionalPropertiesFalse(schema.get('items') as PyJson);
}

/** `_set_all_properties_required`: every object with `properties` requires all of them, recursively through values. */
function setAllPropertiesRequired(schema: PyJson): void {
  if (!isObject(schema)) return;
  if (schema.has('properties')) {
    const properties = schema.get('properties');
    if (!isObject(properties)) throw new Error('schema "properties" is not an object');
    schema.set('required', [...properties.keys()]);
  }
  for (const value of schema.values()) {
    if (isObject(value)) setAllPropertiesRequired(value);
    else if (Array.isArray(value)) value.forEach(setAllPropertiesRequired);
  }
}

/** `_adapt_schema`: in JSONSchemaBench's order, then `json.dumps`. */
export function adaptSchema(schemaText: string): string {
  const schema = pyJsonLoads(schemaText);
  setAdditionalPropertiesFalse(schema);
  if (isObject(schema) && !schema.has('type')) schema.set('type', 'object');
  setAllPropertiesRequired(schema);
  return pyJsonDumps(schema);
}

/** `_get_few_shot_examples`: the first `numShots` pairs of the group listing the subset, else of `default` (none). */
function fewShotExamples(subset: string | null, numShots: number): readonly (readonly [string, string])[] {
  const group = JSONSCHEMABENCH_FEWSHOT.find((entry) => subset !== null && entry.subsets.includes(subset));
  const examples = (group ?? JSONSCHEMABENCH_FEWSHOT.find((entry) => entry.subsets.includes('default')))?.examples ?? [];
  if (numShots > examples.length) throw new TaskArgumentError('num_shots', `Not enough ${subset ?? 'None'} examples to prompt with ${numShots} shots`);
  return examples.slice(0, numShots);
}

/** `_build_messages`. */
function buildMessages(schema: string, examples: readonly (readonly [string, string])[]): ChatMessage[] {
  return [
    { role: 'system', content: JSONSCHEMABENCH_SYSTEM_PROMPT },
    ...examples.flatMap(([exampleSchema, answer]): ChatMessage[] => [
      { role: 'user', content: exampleSchema },
      { role: 'assistant', content: answer },
    ]),
    { role: 'user', content: schema },
  ];
}


function jsonschemabench(options: TaskOptions): TaskBody {
  const args = taskArgs('jsonschemabench', options, {
    subset: '',
    split: 'all',
    num_shots: '0',
    strip_markdown: 'true',
    use_response_schema: 'false',
    strict: 'false',
    adapt_schema: 'true',
    compatibility: 'default',
  });
  const subset = args.subset === '' ? null : args.subset;
  const splits = SPLITS[args.split];
  if (splits === undefined) throw new TaskArgumentError('split', `jsonschemabench: split must be one of test, val, train, all, got "${args.split}"`);
  const numShots = intArg('jsonschemabench', 'num_shots', args.num_shots);
  const adapt = boolArg('jsonschemabench', 'adapt_schema', args.adapt_schema);
  const stripMarkdown = boolArg('jsonschemabench', 'strip_markdown', args.strip_markdown);
  boolArg('jsonschemabench', 'strict', args.strict);
  if (boolArg('jsonschemabench', 'use_response_schema', args.use_response_schema)) {
    // The solver would pass the schema as the provider's structured-output `response_format`; the model clients here
    // send no response schema, so a run with it would silently measure something else.
    throw new TaskArgumentError('use_response_schema', 'jsonschemabench: use_response_schema=true needs structured-output requests, which the model clients here do not send');
  }
  if (args.compatibility !== 'default' && args.compatibility !== 'openai') {
    throw new TaskArgumentError('compatibility', `Unsupported compatibility mode: ${args.compatibility}. Available modes: default, openai`);
  }
  const keep = args.compatibility === 'openai' ? new Set(OPENAI_COMPATIBLE_IDS.split('\n')) : null;
  // Fails at task creation, as upstream's dataset construction does, when the subset has too few examples.
  const examples = fewShotExamples(subset, numShots);
  const config = subset ?? 'default';

  const toSample = (record: DatasetRecord, index: number): Sample => {
    const originalSchema = stringField(record, 'json_schema');
    const schema = adapt ? adaptSchema(originalSchema) : originalSchema;
    return {
      id: autoId(index),
      input: buildMessages(schema, examples),
      target: '',
      metadata: { schema, original_schema: originalSchema, unique_id: record.unique_id, num_shots: numShots, adapted: adapt },
    };
  };

  return {
    dataset: {
      name: `jsonschemabench_${config}_${args.split}_${numShots}shot`,
      location: REPO,
      async load(ctx) {
        const samples: Sample[] = [];
        for (const split of splits) {
          for (const source of await hfParquetShards(REPO, config, split, ctx)) {
            for await (const record of openRecords(source, ctx)) {
              if (keep !== null && !keep.has(String(record.unique_id))) continue;
              samples.push(toSample(record, samples.length));
            }
          }
        }
        return samples;
      },
    },
    // Greedy decoding and the paper's 40-second request timeout.
    config: { temperature: 0.0, timeout_ms: 40_000 },
    scorer: createJsonSchemaScorer({ stripMarkdown }),
    metrics: [accuracy(), stderr(), apiSuccessRate(), jsonValidity(), schemaCompliance()],
  };
}

export const jsonschemabenchTask = generativeTask(
  {
    name: 'jsonschemabench',
    display_name: 'JSONSchemaBench',
    category: 'core',
    description:
      'JSON Schema generation benchmark with ~10K real-world schemas from GitHub, Kubernetes, and other sources for evaluating constrained decoding',
    tags: ['json', 'jsonschema', 'generation', 'constrained-decoding'],
    sample_count: null,
    dataset: { source: 'hf:epfl-dlab/JSONSchemaBench' },
    scorer: 'JSON schema compliance',
  },
  jsonschemabench,
);
