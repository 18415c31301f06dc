import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pyExp } from './python-exp.util';

// CPython's math.exp (glibc) on seeded inputs: test/vectors/python-exp/python-exp-vectors.py.
const CASES = JSON.parse(readFileSync(join(__dirname, '../../test/vectors/python-exp/python-exp.json'), 'utf8')) as [number, number][];

describe("CPython's math.exp", () => {
  it('matches every vector to the last bit', () => {
    expect(CASES.length).toBeGreaterThan(900);
    const wrong = CASES.filter(([x, expected]) => !Object.is(pyExp(x), expected));
    expect(wrong).toEqual([]);
  });

  it('differs from Math.exp where V8 rounds the other way', () => {
    expect(pyExp(Math.log(0.3))).toBe(0.3);
    expect(Math.exp(Math.log(0.3))).not.toBe(0.3);
    expect(pyExp(Number.NaN)).toBeNaN();
    expect(pyExp(-Infinity)).toBe(0);
  });
});
