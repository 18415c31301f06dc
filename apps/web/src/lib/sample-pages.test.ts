import { describe, expect, it } from 'vitest';
import { pagesForRange, parseSampleKey, rowLocation, sampleKey, sharedPrefixLength } from './sample-pages';

describe('pagesForRange', () => {
  it('asks only for the pages under the visible rows', () => {
    expect(pagesForRange(0, 30, 14_042)).toEqual([1]);
    expect(pagesForRange(190, 230, 14_042)).toEqual([1, 2]);
    expect(pagesForRange(14_030, 14_041, 14_042)).toEqual([71]);
  });
  it('adds neighbouring pages and stays within the list', () => {
    expect(pagesForRange(400, 420, 14_042, 200, 1)).toEqual([2, 3, 4]);
    expect(pagesForRange(0, 10, 50, 200, 2)).toEqual([1]);
    expect(pagesForRange(0, 10_000, 450)).toEqual([1, 2, 3]);
    expect(pagesForRange(0, 10, 0)).toEqual([]);
  });
  it('locates a row', () => {
    expect(rowLocation(0)).toEqual({ page: 1, offset: 0 });
    expect(rowLocation(14_041)).toEqual({ page: 71, offset: 41 });
  });
});

describe('sample keys', () => {
  it('round-trip ids with colons', () => {
    expect(parseSampleKey(sampleKey({ id: 'a:b', epoch: 2 }))).toEqual({ id: 'a:b', epoch: 2 });
    expect(parseSampleKey('17:1')).toEqual({ id: '17', epoch: 1 });
    expect(parseSampleKey('17')).toBeNull();
    expect(parseSampleKey('17:0')).toBeNull();
  });
});

describe('sharedPrefixLength', () => {
  it('skips the instructions every input starts with, up to a line break', () => {
    const head = 'Answer the following multiple choice question.\n\n';
    const inputs = [`${head}What is 2+2?`, `${head}Which planet is red?`];
    expect(inputs[0].slice(sharedPrefixLength(inputs))).toBe('What is 2+2?');
  });
  it('keeps inputs whole when they share no line, or when there is one', () => {
    expect(sharedPrefixLength(['Question one', 'Question two'])).toBe(0);
    expect(sharedPrefixLength(['only one\n\nx'])).toBe(0);
    expect(sharedPrefixLength(['ab\ncd', 'ab\nce'])).toBe(0);
  });
});
