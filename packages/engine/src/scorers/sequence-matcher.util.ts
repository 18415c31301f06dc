/**
 * CPython's `difflib.SequenceMatcher(None, a, b).ratio()` (Lib/difflib.py, 3.11) for strings, ported line for line:
 * the `b2j` index with the "autojunk" heuristic (in a `b` of 200 or more characters, a character occurring more than
 * `len(b) // 100 + 1` times is left out of the index), `find_longest_match`, `get_matching_blocks` and `ratio`.
 * Strings are compared by code point, as Python indexes `str`.
 */

type Match = [number, number, number];

function chainB(b: readonly string[]): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  b.forEach((elt, i) => {
    const indices = b2j.get(elt);
    if (indices) indices.push(i);
    else b2j.set(elt, [i]);
  });
  // No isjunk function, so no junk; only the popular elements go.
  const n = b.length;
  if (n >= 200) {
    const ntest = Math.floor(n / 100) + 1;
    for (const [elt, idxs] of [...b2j]) if (idxs.length > ntest) b2j.delete(elt);
  }
  return b2j;
}

function findLongestMatch(a: readonly string[], b: readonly string[], b2j: Map<string, number[]>, alo: number, ahi: number, blo: number, bhi: number): Match {
  let [besti, bestj, bestsize] = [alo, blo, 0];
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i += 1) {
    const newj2len = new Map<number, number>();
    for (const j of b2j.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      newj2len.set(j, k);
      if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
    }
    j2len = newj2len;
  }
  // Extend over equal elements on both sides (with no junk, the junk-only passes of CPython change nothing).
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize += 1;
  return [besti, bestj, bestsize];
}

function matchingBlocks(a: readonly string[], b: readonly string[]): Match[] {
  const b2j = chainB(b);
  const [la, lb] = [a.length, b.length];
  const queue: [number, number, number, number][] = [[0, la, 0, lb]];
  const blocks: Match[] = [];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const x = findLongestMatch(a, b, b2j, alo, ahi, blo, bhi);
    const [i, j, k] = x;
    if (k) {
      blocks.push(x);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  let [i1, j1, k1] = [0, 0, 0];
  const nonAdjacent: Match[] = [];
  for (const [i2, j2, k2] of blocks) {
    if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
    else {
      if (k1) nonAdjacent.push([i1, j1, k1]);
      [i1, j1, k1] = [i2, j2, k2];
    }
  }
  if (k1) nonAdjacent.push([i1, j1, k1]);
  nonAdjacent.push([la, lb, 0]);
  return nonAdjacent;
}

/** `SequenceMatcher(None, a, b).ratio()`: 2 × matches / (len(a) + len(b)), 1.0 for two empty strings. */
export function sequenceMatcherRatio(a: string, b: string): number {
  const [as, bs] = [Array.from(a), Array.from(b)];
  const matches = matchingBlocks(as, bs).reduce((sum, [, , size]) => sum + size, 0);
  const length = as.length + bs.length;
  return length ? (2.0 * matches) / length : 1.0;
}

/** Python's `<` on two `str`: by code point (JavaScript's `<` compares UTF-16 units, which differs past U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const [as, bs] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < Math.min(as.length, bs.length); i += 1) {
    const diff = (as[i].codePointAt(0) as number) - (bs[i].codePointAt(0) as number);
    if (diff !== 0) return diff;
  }
  return as.length - bs.length;
}

/**
 * `difflib.get_close_matches(word, possibilities, n, cutoff)`: the `n` best `SequenceMatcher(None, x, word).ratio()`
 * at or above `cutoff`, best first, equal scores ordered by the larger string first (`heapq.nlargest` on
 * `(score, x)` tuples). CPython's `real_quick_ratio` and `quick_ratio` pre-filters are upper bounds of `ratio`, so
 * they never reject a possibility `ratio` would keep and are left out.
 */
export function getCloseMatches(word: string, possibilities: readonly string[], n = 3, cutoff = 0.6): string[] {
  const scored = possibilities
    .map((x) => ({ score: sequenceMatcherRatio(x, word), x }))
    .filter(({ score }) => score >= cutoff);
  scored.sort((p, q) => q.score - p.score || compareCodePoints(q.x, p.x));
  return scored.slice(0, n).map(({ x }) => x);
}
