import { readVectors } from '../../test/vectors/read-vectors';
import { validateJsonSchema } from './json-schema.scorer';

interface Verdict {
  schema: object;
  instance: unknown;
  valid: boolean;
}

// Python jsonschema's own verdicts (test/vectors/json-schema/json-schema-vectors.py), formats as in openbench's environment.
const VERDICTS = readVectors<Verdict>('json-schema/json-schema-verdicts.jsonl');

describe('JSON Schema 2020-12 validation with format checks, against Python jsonschema', () => {
  it('has the vectors', () => {
    expect(VERDICTS.length).toBe(130);
  });

  it.each(VERDICTS.map((v) => [JSON.stringify(v.schema), JSON.stringify(v.instance), v.valid] as const))('%s on %s: %s', (schema, instance, valid) => {
    expect(validateJsonSchema(JSON.parse(schema), JSON.parse(instance)).compliant).toBe(valid);
  });
});
