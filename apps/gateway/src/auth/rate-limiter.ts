import { RateCounter, rateLimitMessage, type RateCount, type RateLimitRule, type Redis } from '@studio/runtime';
import { AppError } from '../errors/app-error';

function limited(exceeded: RateCount[]): AppError {
  const { message, retryAfter } = rateLimitMessage(exceeded);
  return new AppError('RATE_LIMITED', message, { headers: { 'Retry-After': String(retryAfter) } });
}

/** The runtime's rate counters as request handlers use them: 429 past a limit, 503 when Redis is away. */
export class RateLimiter {
  private readonly counter: RateCounter;
  constructor(redis: Redis, prefix: string) {
    this.counter = new RateCounter(redis, prefix);
  }

  /** Counts one hit against every rule; throws 429 RATE_LIMITED with Retry-After when any is exceeded. */
  async hit(rules: RateLimitRule[]): Promise<void> {
    const exceeded = await this.reach(this.counter.hit(rules));
    if (exceeded.length) throw limited(exceeded);
  }

  /** Throws 429 RATE_LIMITED when any rule has already reached its limit in its window; counts nothing. */
  async check(rules: RateLimitRule[]): Promise<void> {
    const exceeded = await this.reach(this.counter.reached(rules));
    if (exceeded.length) throw limited(exceeded);
  }

  /** Counts one hit against every rule without refusing anything. */
  async record(rules: RateLimitRule[]): Promise<void> {
    await this.reach(this.counter.record(rules));
  }

  /** Ends the rule's window: its count starts again from zero. */
  async clear(rule: RateLimitRule): Promise<void> {
    await this.counter.clear(rule);
  }

  private async reach<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', 'Rate limiter unavailable (Redis is not reachable); try again shortly');
    }
  }
}
