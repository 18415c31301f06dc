import type { UserRow } from '@studio/db';

interface Entry {
  row: Promise<UserRow | undefined>;
  expiresAt: number;
}

/**
 * The user rows requests authenticate as, kept for `ttlMs` from the moment their read was sent, so a burst of
 * requests of one user costs one database read per `ttlMs` (concurrent misses share the read). Only an active user's
 * row is kept: a missing or disabled user is read again on every request. A row may therefore be up to `ttlMs` old:
 * a user disabled or deleted meanwhile is refused at most `ttlMs` later. Administration is never decided on a kept row
 * (authentication.ts reads the user for it). `ttlMs` 0 reads on every request. At most `maxEntries` users are kept, the
 * oldest dropped first.
 */
export class AuthUserCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The kept row of the user, or the one `load` reads now. */
  get(userId: string, load: (userId: string) => Promise<UserRow | undefined>): Promise<UserRow | undefined> {
    if (this.ttlMs === 0) return load(userId);
    const now = Date.now();
    const kept = this.entries.get(userId);
    if (kept && kept.expiresAt > now) return kept.row;
    this.entries.delete(userId);
    const entry: Entry = { row: load(userId), expiresAt: now + this.ttlMs };
    this.entries.set(userId, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const forget = () => {
      if (this.entries.get(userId) === entry) this.entries.delete(userId);
    };
    entry.row.then((row) => {
      if (!row?.is_active) forget();
    }, forget);
    return entry.row;
  }

  /** Users kept now (expired ones included until their next request or eviction). */
  size(): number {
    return this.entries.size;
  }
}
