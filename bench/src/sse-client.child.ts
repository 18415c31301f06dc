/**
 * One client process of the SSE bench: opens `count` event streams of a run on the gateway (one socket each) and,
 * for every `progress` event, reports to the parent the receive times (performance.timeOrigin + now, a clock shared
 * by the processes of a machine) of all its connections once the last one has it; on the parent's `report` message,
 * those of the events some connection has not received, and how many connections ended or failed. Arguments: URL,
 * count, and the loopback address to connect from (each address has its own ephemeral ports).
 */
import { request } from 'node:http';

const [url, countArg, localAddress] = process.argv.slice(2);
const count = Number(countArg);
const received = new Map<number, number[]>();
let connected = 0;
let lost = 0;
const now = () => performance.timeOrigin + performance.now();

/** Connections opened at once: a burst of thousands overflows the listen backlog (resets). */
const BATCH = 100;
let opened = 0;

function openBatch(): void {
  for (const end = Math.min(count, opened + BATCH); opened < end; opened++) open();
}

function open(): void {
  const req = request(url, { agent: false, localAddress }, (res) => {
    res.setEncoding('utf8');
    let pending = '';
    let first = true;
    res.on('data', (chunk: string) => {
      if (first) {
        first = false;
        connected += 1;
        if (connected === count) process.send?.({ kind: 'connected' });
        else if (connected === opened) openBatch();
      }
      pending += chunk;
      const frames = pending.split('\n\n');
      pending = frames.pop() ?? '';
      for (const frame of frames) {
        const match = /event: progress\ndata: .*"current":(\d+)/.exec(frame);
        if (!match) continue;
        const k = Number(match[1]);
        const times = received.get(k) ?? [];
        times.push(now());
        received.set(k, times);
        if (times.length === count) {
          process.send?.({ kind: 'delivered', k, times });
          received.delete(k);
        }
      }
    });
  });
  req.on('error', (error) => {
    lost += 1;
    if (connected < count) process.send?.({ kind: 'error', message: error.message });
  });
  req.on('response', (res) => res.on('end', () => (lost += 1)));
  req.end();
}

openBatch();
process.on('message', (m: { kind: string }) => {
  if (m.kind !== 'report') return;
  for (const [k, times] of received) process.send?.({ kind: 'delivered', k, times });
  process.send?.({ kind: 'report', lost });
});
process.on('disconnect', () => process.exit(0));
