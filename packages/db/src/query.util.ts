/** Small pieces the repositories share. */

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** LIKE pattern matching `text` literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Keyset pagination: yields `page(after)` page after page, each page (at most `pageSize` rows, ascending by key)
 * starting after the last key of the one before, so large runs never sit in memory at once.
 */
export async function* pagedByKey<R>(pageSize: number, start: number, keyOf: (row: R) => number, page: (after: number) => Promise<R[]>): AsyncGenerator<R> {
  let after = start;
  for (;;) {
    const rows = await page(after);
    for (const r of rows) yield r;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]);
  }
}
