import type { DatasetRecord } from '@studio/datasets';
import type { Sample } from '../../types';
import { samplesOf } from './record-samples.util';

const toSample = (record: DatasetRecord, index: number): Sample => ({ id: index + 1, input: String(record.q), target: 'A' });

describe('samplesOf', () => {
  it('converts every record in file order, across chunks', async () => {
    const records = Array.from({ length: 2_500 }, (_, i) => ({ q: `question ${i}` }));

    const samples = await samplesOf(records, toSample);

    expect(samples).toHaveLength(2_500);
    expect(samples[0]).toEqual({ id: 1, input: 'question 0', target: 'A' });
    expect(samples[2_499]).toEqual({ id: 2_500, input: 'question 2499', target: 'A' });
  });

  it('converts the same records once per converter, and new records (a changed file) again', async () => {
    const records = [{ q: 'a' }];
    const convert = jest.fn(toSample);
    const other = jest.fn(toSample);

    const first = await samplesOf(records, convert);
    const again = await samplesOf(records, convert);
    const byOther = await samplesOf(records, other);
    const changed = await samplesOf([{ q: 'b' }], convert);

    expect(again).toBe(first);
    expect(byOther).not.toBe(first);
    expect(changed).toEqual([{ id: 1, input: 'b', target: 'A' }]);
    expect(convert).toHaveBeenCalledTimes(2);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('fails with the converter error', async () => {
    const failing = (): Sample => {
      throw new Error('record 1: input must be a non-empty string');
    };

    await expect(samplesOf([{ q: '' }], failing)).rejects.toThrow('record 1: input must be a non-empty string');
  });
});
