/**
 * A long list of samples read a page at a time: which pages a visible row range needs, and where a row lives.
 * The samples page virtualises the list (only visible rows are in the DOM) and asks the API only for the pages
 * under the viewport, so 14,042 samples scroll as smoothly as 40.
 */
export const SAMPLES_PER_PAGE = 200;

/** 1-based API pages holding rows `first..last` (0-based, inclusive), plus `overscan` pages around them. */
export function pagesForRange(first: number, last: number, total: number, perPage = SAMPLES_PER_PAGE, overscan = 0): number[] {
  if (total <= 0 || last < first) return [];
  const lastPage = Math.ceil(total / perPage);
  const from = Math.max(1, Math.floor(Math.max(0, first) / perPage) + 1 - overscan);
  const to = Math.min(lastPage, Math.floor(Math.min(total - 1, last) / perPage) + 1 + overscan);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}

/** The page and offset in it of row `index` (0-based). */
export const rowLocation = (index: number, perPage = SAMPLES_PER_PAGE) => ({ page: Math.floor(index / perPage) + 1, offset: index % perPage });

/** The key a sample is selected by in the URL: `<id>:<epoch>`. Ids may contain colons, the epoch never does. */
export const sampleKey = (s: { id: string | number; epoch: number }) => `${s.id}:${s.epoch}`;

export function parseSampleKey(key: string): { id: string; epoch: number } | null {
  const at = key.lastIndexOf(':');
  if (at <= 0) return null;
  const epoch = Number(key.slice(at + 1));
  return Number.isInteger(epoch) && epoch >= 1 ? { id: key.slice(0, at), epoch } : null;
}

/**
 * Length of the text every input starts with, cut back to a paragraph or line break (the benchmark's instructions,
 * e.g. MMLU's "Answer the following multiple choice question…"), so list rows can show what differs. 0 when
 * fewer than two inputs or nothing worth skipping is shared.
 */
export function sharedPrefixLength(inputs: string[]): number {
  if (inputs.length < 2) return 0;
  let n = inputs[0].length;
  for (const s of inputs) {
    n = Math.min(n, s.length);
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) !== inputs[0].charCodeAt(i)) {
        n = i;
        break;
      }
    }
  }
  const cut = inputs[0].lastIndexOf('\n', n - 1);
  return cut >= 20 ? cut + 1 : 0;
}
