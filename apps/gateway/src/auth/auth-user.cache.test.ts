import type { UserRow } from '@studio/db';
import { AuthUserCache } from './auth-user.cache';

const TTL = 1_000;
const user = (id: string, is_active = true) => ({ user_id: id, email: `${id}@example.com`, is_active, is_admin: false }) as UserRow;

function store() {
  const rows = new Map<string, UserRow>([['u1', user('u1')], ['u2', user('u2')]]);
  const load = jest.fn(async (id: string) => rows.get(id));
  return { rows, load };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('AuthUserCache', () => {
  it('reads a user once per TTL, concurrent requests sharing the read, and again once the TTL has passed', async () => {
    const { load } = store();
    const cache = new AuthUserCache(TTL);
    await Promise.all([cache.get('u1', load), cache.get('u1', load), cache.get('u1', load)]);
    jest.advanceTimersByTime(TTL - 1);
    expect((await cache.get('u1', load))?.user_id).toBe('u1');
    expect(load).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1);
    await cache.get('u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refuses a user disabled or deleted meanwhile at most one TTL later', async () => {
    const { rows, load } = store();
    const cache = new AuthUserCache(TTL);
    await cache.get('u1', load);
    await cache.get('u2', load);
    rows.set('u1', user('u1', false));
    rows.delete('u2');

    jest.advanceTimersByTime(TTL);
    expect((await cache.get('u1', load))?.is_active).toBe(false);
    expect(await cache.get('u2', load)).toBeUndefined();
  });

  it('keeps no missing or disabled user and no failed read: each is read again at the next request', async () => {
    const { rows, load } = store();
    rows.set('off', user('off', false));
    const cache = new AuthUserCache(TTL);
    load.mockRejectedValueOnce(new Error('database down'));
    await expect(cache.get('u1', load)).rejects.toThrow('database down');
    await cache.get('nobody', load);
    await cache.get('off', load);
    expect(cache.size()).toBe(0);

    expect((await cache.get('u1', load))?.user_id).toBe('u1');
    await cache.get('nobody', load);
    await cache.get('off', load);
    expect(load).toHaveBeenCalledTimes(6);
  });

  it('reads on every request with TTL 0, and keeps at most maxEntries users, dropping the oldest', async () => {
    const { load } = store();
    const uncached = new AuthUserCache(0);
    await uncached.get('u1', load);
    await uncached.get('u1', load);
    expect(load).toHaveBeenCalledTimes(2);

    const small = new AuthUserCache(TTL, 1);
    await small.get('u1', load);
    await small.get('u2', load);
    expect(small.size()).toBe(1);
    await small.get('u2', load);
    await small.get('u1', load);
    expect(load).toHaveBeenCalledTimes(5);
  });
});
