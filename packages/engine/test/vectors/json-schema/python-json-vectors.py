"""Writes python-json.jsonl: for each input text, json.dumps(json.loads(text)) or null when json.loads refuses it.
Run: python3 python-json-vectors.py"""
import json

CASES = [
    '{"b": 1, "a": [1.0, 2.50, 1e3, 1E-7, -0, 12345678901234567890123], "2": "é😀\\u0007\\u007f", "1": null, "b": true}',
    '[NaN, Infinity, -Infinity, 0.1, 100000000000000000000.0, 1e16, 1.5e300, -0.0]',
    '{"x":{"y":"/\\\\\\"\\n\\t"}}',
    ' \n{"a" :\t[ ] , "c": {}}\r\n',
    '"\\ud800"',
    '{"a":1,}', '[1] x', '01', '"a\tb"', '{"a" 1}', '[1,]', '', 'nan', '1.', '.5', '+1', '\ufeff{}', '{"a": 1} ',
]

with open("python-json.jsonl", "w") as out:
    for text in CASES:
        try:
            dumped = json.dumps(json.loads(text))
        except ValueError:
            dumped = None
        out.write(json.dumps({"text": text, "dumps": dumped}) + "\n")
