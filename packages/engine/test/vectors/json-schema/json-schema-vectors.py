"""Writes json-schema-verdicts.jsonl: Python jsonschema's verdicts for (schema, instance) cases, as openbench's scorer
computes them (`Draft202012Validator(schema, format_checker=FormatChecker()).validate(data)`), restricted to the formats
openbench's environment can check (jsonschema 4.23 with idna and jsonpointer, without rfc3339-validator and the other
optional format packages). Run: python3 json-schema-vectors.py  (needs jsonschema, idna, jsonpointer)."""
import json
from jsonschema import Draft202012Validator, FormatChecker

OPENBENCH_FORMATS = ["email", "idn-email", "ipv4", "ipv6", "idn-hostname", "regex", "date", "time",
                     "json-pointer", "relative-json-pointer", "uuid"]

FORMAT_CASES = {
    "email": ["a@b", "@", "no-at", "x@y.z"],
    "ipv4": ["1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "0.0.0.0", "1.2.3.4 "],
    "ipv6": ["::", "::1", "fe80::1", "fe80::1%eth0", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4",
             "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "12345::", "g::1"],
    "idn-hostname": ["example.com", "Example.COM", "ex_ample.com", "-a.com", "a..b", "xn--bcher-kva.ch", "bücher.ch",
                     "a" * 64 + ".com", "", "a.", "ab--c.com", "localhost", "1.2.3.4", "a b", "xn--", "xn--a-"],
    "regex": ["^a+$", "(unclosed", "[a-z]{2,}", "(?P<name>x)", "a\\_b"],
    "date": ["2024-02-29", "2023-02-29", "2024-13-01", "0000-01-01", "2024-1-01", "2024-01-01T00:00:00Z", "9999-12-31"],
    "time": ["12:00:00", "1:2:3", "23:59:60", "24:00:00", "12:00:00Z", "12:00", "00:00:00.5"],
    "json-pointer": ["", "/", "/a/b", "/a~0b", "/a~2", "a/b", "/a~"],
    "relative-json-pointer": ["0", "1/a", "0#", "01", "10", "100", "", "#", "2/a~3"],
    "uuid": ["12345678-1234-5678-1234-567812345678", "123456781234567812345678123456781234",
             "{12345678-1234-5678-1234-567812345678}", "12345678-1234-5678-1234-56781234567g",
             "urn:uuid:12345678-1234-5678-1234-567812345678", "12345678-1234-5678-1234-5678123456789"],
    "date-time": ["not a date-time"],
    "hostname": ["-bad-"],
    "uri": ["not a uri"],
}

SCHEMA_CASES = [
    ({"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"], "additionalProperties": False},
     [{"a": 1}, {"a": 1.0}, {"a": 1.5}, {}, {"a": 1, "b": 2}, {"a": True}]),
    ({"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"s": {"type": "string"}},
      "properties": {"x": {"$ref": "#/definitions/s"}}, "dependencies": {"x": ["y"]}},
     [{"x": "s"}, {"x": 1}]),
    ({"type": "string", "nullable": True}, [None, "s"]),
    ({"id": "http://example.com/s", "type": "string"}, ["s"]),
    ({"properties": {"nullable": {"type": "boolean"}}}, [{"nullable": True}, {"nullable": 1}]),
    ({"enum": [{"nullable": True}]}, [{"nullable": True}, {}]),
    ({"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "number"}}, [["a", 1, 2], ["a", "b"], [1]]),
    ({"type": "array", "items": {"type": "string"}, "uniqueItems": True, "minItems": 1}, [["a", "b"], ["a", "a"], []]),
    ({"type": "string", "pattern": "^[a-z]+\\d$"}, ["abc1", "abc", "ABC1"]),
    ({"type": "string", "pattern": "^a\\_b$"}, ["a_b", "ab"]),
    ({"type": "string", "minLength": 2, "maxLength": 3}, ["😀😀", "a", "abcd"]),
    ({"type": "number", "multipleOf": 0.5, "minimum": 0, "exclusiveMaximum": 10}, [0, 9.5, 10, -0.5, 0.3]),
    ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, ["s", 1, 1.5]),
    ({"if": {"properties": {"k": {"const": "a"}}}, "then": {"required": ["v"]}}, [{"k": "a"}, {"k": "a", "v": 1}, {"k": "b"}]),
    ({"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": False}, [{"a": "x"}, {"a": "x", "b": 1}]),
    ({"dependentRequired": {"a": ["b"]}}, [{"a": 1}, {"a": 1, "b": 2}]),
    ({"type": "object", "properties": {"when": {"type": "string", "format": "date"}, "ip": {"format": "ipv4"}}},
     [{"when": "2024-02-30"}, {"when": "2024-02-29", "ip": "1.2.3.4"}, {"ip": 7}]),
]


def verdict(schema, instance):
    try:
        Draft202012Validator(schema, format_checker=FormatChecker(formats=OPENBENCH_FORMATS)).validate(instance)
        return True
    except Exception:
        return False


rows = []
for fmt, values in FORMAT_CASES.items():
    for value in values:
        schema = {"format": fmt}
        rows.append({"schema": schema, "instance": value, "valid": verdict(schema, value)})
for schema, instances in SCHEMA_CASES:
    for instance in instances:
        rows.append({"schema": schema, "instance": instance, "valid": verdict(schema, instance)})

with open("json-schema-verdicts.jsonl", "w") as out:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
print(len(rows), "cases")
