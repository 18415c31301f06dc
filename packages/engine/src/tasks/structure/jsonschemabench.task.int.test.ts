import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { STRUCTURE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { getTask } from '../registry';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { JSONSCHEMABENCH_FEWSHOT } from './jsonschemabench-fewshot.data';
import { adaptSchema, JSONSCHEMABENCH_SYSTEM_PROMPT } from './jsonschemabench.task';

const REPO = 'epfl-dlab/JSONSchemaBench';
const SPLITS = ['default/train', 'default/val', 'default/test', 'Github_easy/test'];
const FILES = Object.fromEntries(
  SPLITS.flatMap((configSplit) => {
    const [config, split] = configSplit.split('/');
    const stem = `epfl-dlab-JSONSchemaBench-${config}-${split}`;
    return [
      [hfParquetListingUrl(REPO, config, split), `${stem}.tree.json`],
      [hfFileUrl(REPO, `${configSplit}/0000.parquet`, 'refs/convert/parquet'), `${stem}-0000.parquet`],
    ];
  }),
);

// What openbench's `_adapt_schema` writes for the fixture's schemas (run on the upstream functions with python3).
const ADAPTED = {
  o60063:
    '{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}, "ratio": {"type": "number", "maximum": 1.0}}, "required": ["name", "age", "ratio"], "additionalProperties": false, "type": "object"}',
  BizTalkServerApplicationSchema:
    '{"type": "object", "properties": {"when": {"type": "string", "format": "date"}, "tags": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "string"}}, "additionalProperties": false, "required": ["k"]}}}, "additionalProperties": false, "required": ["when", "tags"]}',
  'aerleon-config': '{"type": "object", "properties": {"city": {"type": "string", "description": "Z\\u00fcrich or elsewhere"}}, "additionalProperties": false, "required": ["city"]}',
  o1234: '{"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}, "additionalProperties": false, "required": ["id"]}',
  o2: '{"properties": {"host": {"type": "string", "format": "ipv4"}}, "additionalProperties": false, "type": "object", "required": ["host"]}',
};

/** Valid in a markdown fence; valid JSON with an impossible date; not JSON; valid with a uuid; an IPv4 with a leading zero. */
function respond(schema: string): string {
  if (schema.includes('ratio')) return '```json\n{"name": "A", "age": 3, "ratio": 0.5}\n```';
  if (schema.includes('tags')) return '{"when": "2024-02-30", "tags": []}';
  if (schema.includes('city')) return 'The city is Zürich.';
  if (schema.includes('uuid')) return '  {"id": "12345678-1234-5678-1234-567812345678"}\n';
  return '{"host": "10.0.0.01"}';
}

const metricValues = (metrics: Record<string, { value: number }>) => Object.fromEntries(Object.entries(metrics).map(([key, m]) => [key, m.value]));

describe('jsonschemabench (constructed schemas in the dataset layout)', () => {
  const offline = offlineTaskRun(STRUCTURE_FIXTURES, FILES, (body) => respond(lastUserText(body)));

  it('adapts each schema as openbench does and writes it as Python json.dumps would', () => {
    const rows = JSON.parse(readFileSync(join(STRUCTURE_FIXTURES, 'jsonschemabench.rows.json'), 'utf8')) as Record<string, { json_schema: string; unique_id: keyof typeof ADAPTED }[]>;
    for (const row of Object.values(rows).flat()) expect(adaptSchema(row.json_schema)).toBe(ADAPTED[row.unique_id]);
  });

  it('runs train+val+test zero-shot, validating under 2020-12 with format checks, and reports the four metrics', async () => {
    const task = getTask('jsonschemabench');
    expect(task.config).toEqual({ temperature: 0, timeout_ms: 40_000 });
    expect(task.dataset.name).toBe('jsonschemabench_default_all_0shot');
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records.map((r) => [r.sample_id, r.metadata.unique_id])).toEqual([
      [1, 'o60063'], [2, 'BizTalkServerApplicationSchema'], [3, 'aerleon-config'], [4, 'o1234'],
    ]);
    const bodies = offline.server.bodies();
    expect(bodies[0].messages).toEqual([
      { role: 'system', content: JSONSCHEMABENCH_SYSTEM_PROMPT },
      { role: 'user', content: ADAPTED.o60063 },
    ]);
    expect(bodies[0].temperature).toBe(0);
    expect(records[0].metadata).toMatchObject({ schema: ADAPTED.o60063, num_shots: 0, adapted: true });
    expect(records.map((r) => r.scores.json_schema_scorer.value)).toEqual(['C', 'I', 'I', 'C']);
    expect(records[1].scores.json_schema_scorer.metadata).toMatchObject({ json_valid: true, schema_compliant: false, api_error: false });
    expect(records[2].scores.json_schema_scorer.metadata).toMatchObject({ json_valid: false, schema_compliant: false });
    expect(String(records[2].scores.json_schema_scorer.metadata!.error)).toMatch(/^json_decode_error: /);
    expect(records[3].scores.json_schema_scorer).toMatchObject({ answer: '  {"id": "12345678-1234-5678-1234-567812345678"}\n', metadata: { error: null } });
    expect(metricValues(result.results[0].metrics)).toEqual({
      accuracy: 0.5,
      stderr: Math.sqrt(1 / 3) / 2,
      api_success_rate: 1,
      json_validity: 0.75,
      schema_compliance: 2 / 3,
    });
  });

  it("puts the subset's few-shot pairs before the schema; compatibility=openai keeps the listed records", async () => {
    const fewShot = await offline.run(getTask('jsonschemabench', { args: { subset: 'Github_easy', split: 'test', num_shots: '2' } }));
    const [first, second] = JSONSCHEMABENCH_FEWSHOT.find((group) => group.subsets.includes('Github_easy'))!.examples;
    expect(offline.server.bodies().at(-1)!.messages).toEqual([
      { role: 'system', content: JSONSCHEMABENCH_SYSTEM_PROMPT },
      { role: 'user', content: first[0] },
      { role: 'assistant', content: first[1] },
      { role: 'user', content: second[0] },
      { role: 'assistant', content: second[1] },
      { role: 'user', content: ADAPTED.o2 },
    ]);
    // Python's ipaddress refuses the leading zero of "01".
    expect(fewShot.records[0].scores.json_schema_scorer).toMatchObject({ value: 'I', metadata: { json_valid: true, schema_compliant: false } });

    const openai = await offline.run(getTask('jsonschemabench', { args: { compatibility: 'openai', adapt_schema: 'false' } }));
    expect(openai.records.map((r) => [r.sample_id, r.metadata.unique_id, r.metadata.adapted])).toEqual([
      [1, 'BizTalkServerApplicationSchema', false], [2, 'aerleon-config', false],
    ]);
    expect(() => getTask('jsonschemabench', { args: { num_shots: '1' } })).toThrow('Not enough None examples to prompt with 1 shots');
    expect(() => getTask('jsonschemabench', { args: { use_response_schema: 'true' } })).toThrow(/structured-output/);
  });
});
