// Finishes the OpenAPI document tsoa wrote (build/swagger.json) with what tsoa cannot express, in this one place:
// - OpenAPI 3.0 ignores `nullable` without a `type` beside it, and tsoa writes exactly that for a nullable union
//   or reference: the type goes next to it (a reference's target type) or into each member of the union;
// - a `$ref` ignores its siblings, so a described reference becomes `allOf: [$ref]` with the description;
// - artifacts are bytes (Readable), which tsoa declares `string/format: byte` under every media type: each media
//   type gets what really arrives (JSON objects, text, a binary zip);
// - the event stream gets its events' schemas, generated from the zod contract (`RunStreamEventSchema`).
// Run by the gateway's `tsoa` script right after `tsoa spec-and-routes`; packages must be compiled first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { z } = require('zod');
const { RunStreamEventSchema } = require('@studio/contracts');

const file = join(dirname(fileURLToPath(import.meta.url)), '../build/swagger.json');
const spec = JSON.parse(readFileSync(file, 'utf8'));
const schemas = spec.components.schemas;

const targetOf = (ref) => schemas[ref.slice('#/components/schemas/'.length)];

function fixSchema(node) {
  if (Array.isArray(node)) return node.forEach(fixSchema);
  if (!node || typeof node !== 'object') return;
  if (node.nullable === true && node.type === undefined) {
    const members = node.anyOf ?? node.oneOf;
    const typeOf = (schema) => schema.type ?? (schema.$ref ? targetOf(schema.$ref)?.type : undefined);
    if (node.allOf?.length === 1 && typeOf(node.allOf[0])) {
      node.type = typeOf(node.allOf[0]);
    } else if (members?.every(typeOf)) {
      members.forEach((m, i) => {
        members[i] = m.type ? { ...m, nullable: true } : { type: typeOf(m), nullable: true, allOf: [m] };
      });
      delete node.nullable;
    } else {
      throw new Error(`finish-openapi: cannot make ${JSON.stringify(node)} nullable in OpenAPI 3.0`);
    }
  }
  if (node.$ref && Object.keys(node).length > 1) {
    const { $ref, ...siblings } = node;
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, siblings, { allOf: [{ $ref }] });
  }
  for (const value of Object.values(node)) fixSchema(value);
}
fixSchema(schemas);

function operation(id) {
  for (const ops of Object.values(spec.paths)) for (const op of Object.values(ops)) if (op.operationId === id) return op;
  throw new Error(`finish-openapi: no operation ${id}`);
}

const artifact = operation('getRunArtifact');
const binary = { type: 'string', format: 'binary' };
const text = (description) => ({ schema: { type: 'string', description } });
artifact.responses['200'].content = {
  'application/json': {
    schema: {
      type: 'object',
      additionalProperties: true,
      description: '`config.json` (the run\'s settings, as in the run detail\'s `config`) or `summary.json` (its results).',
    },
  },
  'text/plain': text('`run.log`: the run\'s log lines.'),
  'application/x-ndjson': text('`samples.jsonl`: one engine SampleRecord per line.'),
  'text/csv': text('`results.csv`: one row per sample and epoch.'),
  'application/zip': { schema: { ...binary, description: 'The Inspect `.eval` log (a zip archive).' } },
};
artifact.responses['206'].content = Object.fromEntries(
  Object.keys(artifact.responses['200'].content).map((type) => [type, { schema: { ...binary, description: 'The requested bytes of the artifact.' } }]),
);

const eventName = (option) => option.shape.event.value;
const componentName = (event) => `Run${event.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}Event`;
const mapping = {};
for (const option of RunStreamEventSchema.options) {
  const event = eventName(option);
  const schema = z.toJSONSchema(option, { target: 'openapi-3.0' });
  delete schema.$schema;
  schema.properties.id = {
    type: 'string',
    description: 'The SSE `id:` line (a Redis stream id); send it back as `Last-Event-ID` to resume after this event.',
  };
  schema.description = `\`event: ${event}\`. ${schema.description ?? ''} The SSE \`data:\` line holds \`data\` as JSON.`.trim();
  schemas[componentName(event)] = schema;
  mapping[event] = `#/components/schemas/${componentName(event)}`;
}
schemas.RunStreamEvent = {
  description: 'One Server-Sent Event of a run\'s stream: `id:`, `event:` and `data:` (JSON) lines.',
  oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
  discriminator: { propertyName: 'event', mapping },
};
const events = operation('streamRunEvents');
events.responses['200'].content = { 'text/event-stream': { schema: { $ref: '#/components/schemas/RunStreamEvent' } } };

writeFileSync(file, `${JSON.stringify(spec, null, '\t')}\n`);
