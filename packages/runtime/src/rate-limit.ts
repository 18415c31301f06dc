import type { Redis } from './redis';

// Fixed window: INCR, and start the window's expiry on the first hit. Atomic, so counts are exact
// across any number of processes sharing Redis.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

// The current count and the window's seconds left, counting nothing.
const PEEK_SCRIPT = `
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('TTL', KEYS[1])}
`;

export interface RateLimitRule {
  /** Key suffix, e.g. `login:ip:1.2.3.4`. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** What was limited, for the message. */
  what: string;
}

export interface RateCount {
  rule: RateLimitRule;
  count: number;
  /** Seconds left in the rule's window. */
  ttl: number;
}

/** The rule every run submission counts against: a run, a suite, a schedule's tick (`RATE_LIMIT_RUNS_PER_USER`). */
export function runSubmissionRule(userId: string, limits: { runsPerUser: number; windowSeconds: number }): RateLimitRule {
  return { key: `runs:user:${userId}`, limit: limits.runsPerUser, windowSeconds: limits.windowSeconds, what: 'runs created' };
}

/** "Too many <what>; retry in N s", and N, for the rules `exceeded`. */
export function rateLimitMessage(exceeded: readonly RateCount[]): { message: string; retryAfter: number } {
  const retryAfter = Math.max(1, ...exceeded.map((x) => x.ttl));
  return { message: `Too many ${exceeded[0]!.rule.what}; retry in ${retryAfter} s`, retryAfter };
}

/** Fixed-window counters in Redis (`<prefix>:rl:<rule key>`), shared by every gateway and worker of a deployment. */
export class RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Counts one hit against every rule; answers the rules now over their limit. */
  async hit(rules: readonly RateLimitRule[]): Promise<RateCount[]> {
    return (await this.run(HIT_SCRIPT, rules)).filter((x) => x.count > x.rule.limit);
  }

  /** The rules that have already reached their limit in their window; counts nothing. */
  async reached(rules: readonly RateLimitRule[]): Promise<RateCount[]> {
    return (await this.run(PEEK_SCRIPT, rules)).filter((x) => x.count >= x.rule.limit);
  }

  /** Counts one hit against every rule, refusing nothing. */
  async record(rules: readonly RateLimitRule[]): Promise<void> {
    await this.run(HIT_SCRIPT, rules);
  }

  /** Ends the rule's window: its count starts again from zero. */
  async clear(rule: RateLimitRule): Promise<void> {
    await this.redis.del(this.key(rule));
  }

  private key(rule: RateLimitRule): string {
    return `${this.prefix}:rl:${rule.key}`;
  }

  private async run(script: string, rules: readonly RateLimitRule[]): Promise<RateCount[]> {
    const results = (await Promise.all(rules.map((r) => this.redis.eval(script, 1, this.key(r), String(r.windowSeconds))))) as [number, number][];
    return rules.map((rule, i) => ({ rule, count: results[i]![0], ttl: results[i]![1] }));
  }
}
