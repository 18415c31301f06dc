import { AppError } from '../errors/app-error';
import { BuildSlots } from './run-artifact.store';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('at most `max` builds run at once; waiters start in order as slots free up', async () => {
  const slots = new BuildSlots(2, 10);
  const started: number[] = [];
  const gates = [deferred(), deferred(), deferred(), deferred()];
  const runs = gates.map((gate, i) =>
    slots.run(async () => {
      started.push(i);
      await gate.promise;
      return i;
    }),
  );
  await new Promise(setImmediate);
  expect(started).toEqual([0, 1]);
  gates[1]!.resolve();
  await runs[1];
  await new Promise(setImmediate);
  expect(started).toEqual([0, 1, 2]);
  gates[0]!.resolve();
  gates[2]!.resolve();
  gates[3]!.resolve();
  expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  expect(started).toEqual([0, 1, 2, 3]);
});

test('beyond the queue a request is refused with 503 and Retry-After, and the slots keep working', async () => {
  const slots = new BuildSlots(1, 1);
  const gate = deferred();
  const first = slots.run(() => gate.promise);
  const second = slots.run(async () => 'second');
  const third = slots.run(async () => 'third');
  await expect(third).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, headers: { 'Retry-After': '5' } });
  await expect(third).rejects.toBeInstanceOf(AppError);
  gate.resolve();
  await first;
  expect(await second).toBe('second');
  expect(await slots.run(async () => 'later')).toBe('later');
});

test('a failing build frees its slot', async () => {
  const slots = new BuildSlots(1, 0);
  await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await slots.run(async () => 'next')).toBe('next');
});

test('a waiter whose client went away leaves the queue without running', async () => {
  const slots = new BuildSlots(1, 5);
  const gate = deferred();
  const first = slots.run(() => gate.promise);
  const controller = new AbortController();
  let ran = false;
  const waiting = slots.run(async () => {
    ran = true;
  }, controller.signal);
  controller.abort(new Error('client closed the connection'));
  await expect(waiting).rejects.toThrow('client closed the connection');
  gate.resolve();
  await first;
  expect(await slots.run(async () => 'free')).toBe('free');
  expect(ran).toBe(false);
});
