/**
 * An error's message and its cause's: fetch says only "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND) in
 * `cause`. Duck-typed, because fetch's errors come from another realm under test runners, where `instanceof Error` fails.
 */
export function fetchErrorText(err: unknown): string {
  const message = (e: unknown) => (typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e));
  const cause = typeof err === 'object' && err !== null && 'cause' in err && err.cause ? `: ${message(err.cause)}` : '';
  return `${message(err)}${cause}`;
}
