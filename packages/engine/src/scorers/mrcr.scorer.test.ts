import { mrcrBinIndex, mrcrSequenceRatio } from './mrcr.scorer';

describe('openbench mrcr_scorer pieces', () => {
  it.each([
    [100, 0], [4096, 0], [8192, 0], [8193, 1], [16383, 1], [16384, 2], [524287, 6], [524288, 7], [1048576, 7], [2_000_000, 0],
  ])('%i tokens fall in bin %i (first and last bins closed, others half-open, none → 0)', (tokens, bin) => {
    expect(mrcrBinIndex(tokens)).toBe(bin);
  });

  it('requires the random prefix and removes it from both strings', () => {
    expect(mrcrSequenceRatio('abcd', 'XYabcd', 'XY')).toBe(0);
    expect(mrcrSequenceRatio('XYabcd', 'XYbcde', 'XY')).toBe(0.75);
    // no prefix: plain ratio ("abcd" vs "bcde" is 0.75 in difflib)
    expect(mrcrSequenceRatio('abcd', 'bcde', null)).toBe(0.75);
    expect(mrcrSequenceRatio('abcd', 'bcde', '')).toBe(0.75);
  });
});
