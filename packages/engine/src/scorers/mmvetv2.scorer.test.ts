import { extractMmvetScore } from './mmvetv2.scorer';
import { pySum } from './python-float.util';

test("extractMmvetScore reads the grader's reply as upstream's _extract_score does", () => {
  expect(extractMmvetScore('0.7')).toBe(0.7);
  expect(extractMmvetScore(' 1 because it matches')).toBe(1);
  expect(extractMmvetScore('Score: 0.3.')).toBe(0.3);
  // 1.5 parses but is out of range; the pattern then finds "1.5" too; "1.0" is absent: 0.0.
  expect(extractMmvetScore('1.5')).toBe(0);
  // The minus sign is no word character, so the pattern finds 0.2 in "-0.2".
  expect(extractMmvetScore('-0.2 or 0.4')).toBe(0.2);
  expect(extractMmvetScore('between 10.5 and 1.0')).toBe(1);
  expect(extractMmvetScore('nan')).toBe(0);
  expect(extractMmvetScore('')).toBe(0);
  // Python's \b: "x0.9" has no boundary before the 0.
  expect(extractMmvetScore('x0.9')).toBe(0);
});

test("pySum adds as Python 3.12's sum() does (Neumaier-compensated)", () => {
  expect(pySum([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(1);
  expect(pySum([0, 0.2, 0.1, 0, 0.3])).toBe(0.6);
  expect(pySum([1e100, 1, -1e100])).toBe(1);
  expect(pySum([])).toBe(0);
});
