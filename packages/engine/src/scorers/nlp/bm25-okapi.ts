/**
 * rank-bm25 0.2.2's `BM25Okapi` (k1 = 1.5, b = 0.75, epsilon = 0.25) as openbench's FActScore retriever uses it:
 * built on pre-tokenised passages, then `get_scores(query_tokens)`. The arithmetic follows numpy's element-wise
 * order so the doubles come out the same.
 */
const K1 = 1.5;
const B = 0.75;
const EPSILON = 0.25;

export class Bm25Okapi {
  private readonly docLen: number[];
  private readonly docFreqs: Map<string, number>[];
  private readonly idf = new Map<string, number>();
  private readonly avgdl: number;

  constructor(corpus: readonly (readonly string[])[]) {
    // `_initialize`: per-document term counts, and in how many documents each word appears (first-seen order).
    const nd = new Map<string, number>();
    let numDoc = 0;
    this.docLen = [];
    this.docFreqs = corpus.map((document) => {
      this.docLen.push(document.length);
      numDoc += document.length;
      const frequencies = new Map<string, number>();
      for (const word of document) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
      for (const word of frequencies.keys()) nd.set(word, (nd.get(word) ?? 0) + 1);
      return frequencies;
    });
    // Python 3 true division: an empty corpus raises ZeroDivisionError there.
    if (corpus.length === 0) throw new RangeError('BM25Okapi needs at least one document');
    this.avgdl = numDoc / corpus.length;
    // `_calc_idf`: log-ratio idf; a word in more than half the documents gets epsilon × the average idf instead.
    let idfSum = 0;
    const negative: string[] = [];
    for (const [word, freq] of nd) {
      const idf = Math.log(corpus.length - freq + 0.5) - Math.log(freq + 0.5);
      this.idf.set(word, idf);
      idfSum += idf;
      if (idf < 0) negative.push(word);
    }
    const eps = EPSILON * (idfSum / this.idf.size);
    for (const word of negative) this.idf.set(word, eps);
  }

  /** `get_scores`: one score per document, summed over the query tokens in their order (repeats count again). */
  getScores(query: readonly string[]): number[] {
    const scores = this.docLen.map(() => 0);
    for (const q of query) {
      // `self.idf.get(q) or 0`: an unknown word, or an idf of exactly 0, adds nothing.
      const idf = this.idf.get(q) ?? 0;
      this.docFreqs.forEach((doc, i) => {
        const qFreq = doc.get(q) ?? 0;
        scores[i] += idf * ((qFreq * (K1 + 1)) / (qFreq + K1 * (1 - B + (B * this.docLen[i]) / this.avgdl)));
      });
    }
    return scores;
  }
}
