/**
 * The whole Studio as separate processes, for browser tests and browser benches: the built gateway and worker
 * (`node apps/*\/dist/...`), the built web app served by `vite preview` (which proxies /api to the gateway, as
 * `npm start` does), and Debian's Chromium driven by playwright-core. Each process gets a free loopback port; the
 * caller supplies the database, Redis prefix and secrets through `env`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
const GATEWAY_JS = join(ROOT, 'apps/gateway/dist/src/server.js');
const WORKER_JS = join(ROOT, 'apps/worker/dist/main.js');
const WEB_DIR = join(ROOT, 'apps/web');
const VITE_JS = join(WEB_DIR, 'node_modules/vite/bin/vite.js');

/** Where Debian puts Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Environment shared by the gateway and worker of one stack: its database, a Redis prefix and secrets of its own,
 * migrations already applied by the caller, and rate limits out of the way of a scripted browser.
 */
export function stackEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `stack-${randomBytes(5).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    MIGRATE_ON_START: 'false',
    // Several stacks (and test files) run at once on one host: no fixed metrics port.
    METRICS_PORT: 'off',
    RATE_LIMIT_LOGIN_PER_IP: '10000',
    RATE_LIMIT_REGISTER_PER_IP: '10000',
    RATE_LIMIT_MODELS_PER_USER: '10000',
    RATE_LIMIT_RUNS_PER_USER: '10000',
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface StackProcess {
  /** `http://127.0.0.1:<port>` for servers; empty for the worker. */
  url: string;
  pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function need(file: string, what: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${what}`);
  return file;
}

async function waitUntil(what: string, child: ChildProcess, output: () => string, ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs `node args…` with its soft limit of open files raised to the hard limit first (a shell's `ulimit`, then `exec`, so
 * that the child's pid is node's): a server holding thousands of sockets needs that many descriptors.
 */
const RAISED_FD_LIMIT = ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'sh'];

function launch(what: string, args: string[], env: Record<string, string>, cwd = ROOT, raiseFdLimit = false): { child: ChildProcess; output: () => string; stop: (graceMs?: number) => Promise<void> } {
  const [command, commandArgs] = raiseFdLimit ? ['/bin/sh', [...RAISED_FD_LIMIT, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, commandArgs, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString();
    // Only the end matters when something goes wrong; a long run must not grow this without bound.
    if (text.length > 200_000) text = text.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => text, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

/**
 * The built gateway on a free port, run as `npm start` and the image run it (`--expose-gc`: stream-memory.scheduler.ts);
 * `env` needs DATABASE_URL, REDIS_URL/PREFIX, JWT_SECRET and ENCRYPTION_KEY. `nodeArgs` go before the script (flags
 * NODE_OPTIONS refuses, such as --cpu-prof); `raiseFdLimit` starts it with the highest soft limit of open files allowed.
 */
export async function startGateway(env: Record<string, string>, nodeArgs: string[] = [], { raiseFdLimit = false } = {}): Promise<StackProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = launch('gateway', ['--expose-gc', ...nodeArgs, need(GATEWAY_JS, 'build the workspace first (bash infra/scripts/build.sh)')], { LOG_LEVEL: 'warn', ...env, HOST: '127.0.0.1', PORT: String(port) }, ROOT, raiseFdLimit);
  await waitUntil('the gateway', p.child, p.output, () => answers(`${url}/api/health`), 30_000);
  return { url, pid: p.child.pid!, output: p.output, stop: p.stop };
}

/** The built worker (`nodeArgs` as for the gateway); resolves once it has logged that it started. */
export async function startWorker(env: Record<string, string>, nodeArgs: string[] = []): Promise<StackProcess> {
  const p = launch('worker', [...nodeArgs, need(WORKER_JS, 'build the workspace first (bash infra/scripts/build.sh)')], { ...env, LOG_LEVEL: 'info' });
  await waitUntil('the worker', p.child, p.output, () => p.output().includes('worker started'), 30_000);
  return { url: '', pid: p.child.pid!, output: p.output, stop: p.stop };
}

/** `vite preview` of the built web app (apps/web/dist) on a free port, proxying the API to `gatewayUrl`. */
export async function startWeb(gatewayUrl: string): Promise<StackProcess> {
  need(join(WEB_DIR, 'dist/index.html'), 'build the web app first (bash infra/scripts/build.sh)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = launch('web', [need(VITE_JS, 'install dependencies first'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { GATEWAY_URL: gatewayUrl }, WEB_DIR);
  await waitUntil('vite preview', p.child, p.output, () => answers(`${url}/`), 30_000);
  return { url, pid: p.child.pid!, output: p.output, stop: p.stop };
}

/** Headless Chromium (the flags that work as root in a container, no network chatter of its own). */
export async function launchChromium(): Promise<Browser> {
  need(CHROMIUM_PATH, 'install Chromium (apt-get install chromium), or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
