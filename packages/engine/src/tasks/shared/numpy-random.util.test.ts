import { NumpyPcg64, hfShuffle, seedSequenceState64 } from './numpy-random.util';

// Reference values printed by Debian's numpy 1.24.2 (/usr/bin/python3): `np.random.default_rng(seed).permutation(n)`,
// `SeedSequence(entropy).generate_state(4, np.uint64)` and `bit_generator.random_raw(3)`.
const weighted = (values: number[]) => values.reduce((sum, value, i) => sum + i * value, 0);

test('SeedSequence words match numpy for a one-word and a three-word entropy', () => {
  expect(seedSequenceState64(42n, 4)).toEqual([11465652750463011511n, 15382171918060459190n, 9018504550953525431n, 3703499796004394495n]);
  expect(seedSequenceState64(2n ** 70n + 3n, 4)).toEqual([4943007236101998820n, 12091938953640079810n, 11493795787252505438n, 8139457820393360652n]);
});

test('PCG64 raw draws match numpy', () => {
  const rng = new NumpyPcg64(42);
  expect([rng.nextUint64(), rng.nextUint64(), rng.nextUint64()]).toEqual([14276969152011380360n, 8095878257575067585n, 15838336090824644132n]);
});

test.each([
  [42, 10, [5, 6, 0, 7, 3, 2, 4, 9, 1, 8], 216],
  [42, 1000, [978, 933, 859, 916, 127, 608, 856, 260, 147, 810, 635, 972], 248321539],
  [0, 7, [2, 4, 3, 6, 5, 0, 1], 54],
  [2 ** 40 + 5, 12, [9, 5, 1, 2, 8, 3, 0, 10, 7, 4, 6, 11], 403],
  [12345, 5000, [2632, 4254, 2953, 3607, 3286, 1395, 4366, 4287, 3903, 3700, 1513, 2289], 31117236432],
])('default_rng(%p).permutation(%p) matches numpy', (seed, n, head, checksum) => {
  const permutation = new NumpyPcg64(seed).permutation(n);
  expect(permutation.slice(0, head.length)).toEqual(head);
  // Σ i·p[i] pins the whole order, not just its head.
  expect(weighted(permutation)).toBe(checksum);
});

test('hfShuffle reorders rows by the permutation', () => {
  expect(hfShuffle(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 0)).toEqual(['c', 'e', 'd', 'g', 'f', 'a', 'b']);
});
