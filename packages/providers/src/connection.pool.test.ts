import { ConnectionPool, ConnectionPools } from './connection.pool';

// Creating an undici Client opens no socket; these tests never dispatch on one.
let pool: ConnectionPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

test('opens connections up to its size, then hands out the most recently released one first', () => {
  pool = new ConnectionPool('http://127.0.0.1:9', 3, {});
  const [a, b, c] = [pool.take(), pool.take(), pool.take()];
  expect(new Set([a.client, b.client, c.client]).size).toBe(3);
  pool.release(a);
  pool.release(c);
  expect(pool.take()).toBe(c);
  expect(pool.take()).toBe(a);
});

test('with every connection taken, requests share them in turn; a connection is idle again after its last release', () => {
  pool = new ConnectionPool('http://127.0.0.1:9', 2, {});
  const [a, b] = [pool.take(), pool.take()];
  expect([pool.take(), pool.take()]).toEqual([a, b]);
  expect([a.active, b.active]).toEqual([2, 2]);
  pool.release(b);
  expect(pool.take()).toBe(a);
  pool.release(b);
  expect(b.active).toBe(0);
  expect(pool.take()).toBe(b);
});

describe('ConnectionPools', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('lends one pool per key, and drops a pool nobody used for its idle time, never one with a request on it', async () => {
    const pools = new ConnectionPools(20);
    const create = jest.fn(() => new ConnectionPool('http://127.0.0.1:9', Infinity, {}));
    try {
      const busy = pools.pool('a', create);
      const idle = pools.pool('b', create);
      expect(pools.pool('a', create)).toBe(busy);
      busy.take();
      await sleep(70);
      expect(pools.pool('a', create)).toBe(busy);
      expect(pools.pool('b', create)).not.toBe(idle);
      expect(create).toHaveBeenCalledTimes(3);
    } finally {
      await pools.close();
    }
    expect(() => pools.pool('a', create)).toThrow('closed');
  });
});
