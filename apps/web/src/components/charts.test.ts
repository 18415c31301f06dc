import { describe, expect, it } from 'vitest';
import { axisMax } from './charts';

describe('axisMax', () => {
  it('keeps proportions on 0–1 and rounds anything else up', () => {
    expect(axisMax([0.2, 0.91])).toBe(1);
    expect(axisMax([])).toBe(1);
    expect(axisMax([5.3, 2])).toBe(6);
    expect(axisMax([1234])).toBe(2000);
  });
});
