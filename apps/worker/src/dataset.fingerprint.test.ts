import { createHash } from 'node:crypto';
import type { Sample, WorkItem } from '@studio/engine';
import { datasetFingerprint } from './dataset.fingerprint';

/** The fingerprint as runs stored before the per-sample memo: resumed attempts of those runs must still match. */
function storedFormula(plan: readonly WorkItem[]): string {
  const hash = createHash('sha256');
  for (const { sample, epoch } of plan) {
    hash.update(JSON.stringify([String(sample.id), epoch, sample.input, sample.choices ?? null, sample.target, sample.metadata ?? null]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

const samples: Sample[] = [
  { id: 1, input: 'What is "2+2"?\n', target: 'A', choices: ['4', '5'], metadata: { subject: 'math' } },
  { id: 'b-2', input: 'Ünïcode \u2028 line', target: ['x', 'y'] },
];
const plan: WorkItem[] = [1, 2].flatMap((epoch) => samples.map((sample) => ({ sample, epoch })));

describe('datasetFingerprint', () => {
  it('gives the value runs already store for the same plan, computed again from memoized samples', () => {
    expect(datasetFingerprint(plan)).toBe(storedFormula(plan));
    expect(datasetFingerprint(plan)).toBe(storedFormula(plan));
  });

  it('tells apart a plan whose samples came from a changed file', () => {
    const changed: WorkItem[] = plan.map(({ sample, epoch }) => ({ sample: sample.id === 1 ? { ...sample, target: 'B' } : sample, epoch }));

    expect(datasetFingerprint(changed)).not.toBe(datasetFingerprint(plan));
    expect(datasetFingerprint(changed)).toBe(storedFormula(changed));
  });

  it('depends on the order, the epochs and the ids of the plan', () => {
    expect(datasetFingerprint([...plan].reverse())).not.toBe(datasetFingerprint(plan));
    expect(datasetFingerprint(plan.slice(0, 2))).not.toBe(datasetFingerprint(plan));
    expect(datasetFingerprint([{ sample: { ...samples[0], id: 7 }, epoch: 1 }])).not.toBe(datasetFingerprint([{ sample: samples[0], epoch: 1 }]));
  });

  it('answers a plan of the same sample objects again without hashing; another plan of them is hashed', () => {
    const again = plan.map(({ sample, epoch }) => ({ sample, epoch }));
    expect(datasetFingerprint(again)).toBe(storedFormula(plan));
    const otherEpochs = plan.map(({ sample }) => ({ sample, epoch: 3 }));
    expect(datasetFingerprint(otherEpochs)).toBe(storedFormula(otherEpochs));
    expect(datasetFingerprint(plan)).toBe(storedFormula(plan));
  });
});
