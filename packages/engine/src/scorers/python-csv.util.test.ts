/**
 * `pyCsvRows` against CPython: every expectation is `list(csv.reader(io.StringIO(text), delimiter=d))` as Debian's
 * Python 3.11 returns it (an error where it raises csv.Error).
 */
import { PyCsvError, pyCsvRows } from './python-csv.util';

const CASES: [string, string, string[][] | 'error'][] = [
  ['', ',', []],
  ['a,b\n', ',', [['a', 'b']]],
  ['a,b\n', '\t', [['a,b']]],
  ['a,,b\n\nc', ',', [['a', '', 'b'], [], ['c']]],
  ['"x,y",z\n', ',', [['x,y', 'z']]],
  ['"x,y",z\n', '\t', [['x,y,z']]],
  ['"a""b",c', ',', [['a"b', 'c']]],
  ['"multi\nline",x\nnext', ',', [['multi\nline', 'x'], ['next']]],
  ['a\r\nb\r\n', ',', [['a'], ['b']]],
  ['a\rb', ',', 'error'],
  ['"open', ',', [['open']]],
  ['x,"', ',', [['x', '']]],
  ['x,"', '\t', [['x,"']]],
  ['"q"tail,z', ',', [['qtail', 'z']]],
  ['p\tq\t"r\ts"', '\t', [['p', 'q', 'r\ts']]],
  [' "sp",x', ',', [[' "sp"', 'x']]],
  ['a\n\n', ',', [['a'], []]],
];

describe('pyCsvRows (CPython csv.reader, excel dialect)', () => {
  it.each(CASES)('%j with delimiter %j', (text, delimiter, expected) => {
    if (expected === 'error') expect(() => pyCsvRows(text, delimiter)).toThrow(PyCsvError);
    else expect(pyCsvRows(text, delimiter)).toEqual(expected);
  });
});
