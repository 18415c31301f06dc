import { pythonStringListLiteral } from './python-literal.util';

// Inputs and `ast.literal_eval` results (null where it raises or gives something else) from CPython 3.11.7.
const CASES: [string, string[] | null][] = [
  ["['a', 'b']", ["a", "b"]],
  ["[\"it's\", 'say \"hi\"', 'both \\' and \"']", ["it's", "say \"hi\"", "both ' and \""]],
  ["['tab\\there', 'nl\\nx', 'back\\\\slash', 'é ü', '\\x07', '😀']", ["tab\there", "nl\nx", "back\\slash", "é ü", "\u0007", "😀"]],
  ["['x',]", ["x"]],
  ["[ 'a' , \"b\" ]", ["a", "b"]],
  ["[]", []],
  ["['\\101\\x42\\u0043']", ["ABC"]],
  ["['a' 'b']", ["ab"]],
  ["['a', 1]", null],
  ["('a',)", null],
  ["['unterminated]", null],
  ["not a list", null],
];

test.each(CASES)('literal_eval(%j)', (text, expected) => {
  expect(pythonStringListLiteral(text)).toEqual(expected);
});
