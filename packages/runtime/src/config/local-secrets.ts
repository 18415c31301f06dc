import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalSecrets {
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
}

const NAMES = ['JWT_SECRET', 'ENCRYPTION_KEY'] as const;
/** How long an unparseable file is read again before it is repaired: a writer of an older version may still be writing it. */
const PARSE_RETRY_MS = 1000;
/** How long to wait for another process's repair (its lock file) before giving up. */
const LOCK_WAIT_MS = 10_000;
const POLL_MS = 20;

type FileState = { state: 'missing' } | { state: 'unparseable' } | { state: 'parsed'; secrets: Partial<LocalSecrets> };

function generate(): LocalSecrets {
  return { JWT_SECRET: randomBytes(48).toString('base64url'), ENCRYPTION_KEY: randomBytes(32).toString('base64') };
}

/** Start-up is synchronous (config is parsed before anything runs), so waiting blocks the thread. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

function readSecrets(file: string): FileState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (errno(err) === 'ENOENT') return { state: 'missing' };
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: 'unparseable' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { state: 'unparseable' };
  const secrets: Partial<LocalSecrets> = {};
  for (const name of NAMES) {
    const value = (parsed as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== '') secrets[name] = value;
  }
  return { state: 'parsed', secrets };
}

const isComplete = (s: Partial<LocalSecrets>): s is LocalSecrets => NAMES.every((name) => s[name] !== undefined);

/** A new private file beside `file` holding `secrets`, complete before anyone can see it under `file`'s name. */
function writeTemp(file: string, secrets: LocalSecrets): string {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, JSON.stringify(secrets, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
  return temp;
}

/** Creates the file if it does not exist; when several processes race, the first link wins and the others read it. */
function create(file: string): void {
  const temp = writeTemp(file, generate());
  try {
    linkSync(temp, file);
  } catch (err) {
    if (errno(err) !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Replaces an unparseable or incomplete file, keeping the secrets it has. Repairs are serialised by a lock
 * file and look at the file again once they hold it, so two processes never replace each other's secrets.
 * False while another process holds the lock.
 */
function repair(file: string): boolean {
  const lock = `${file}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch (err) {
    if (errno(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    const current = readSecrets(file);
    // A missing file is created by linking, like on first use, never replaced.
    if (current.state === 'missing') return true;
    const kept = current.state === 'parsed' ? current.secrets : {};
    if (!isComplete(kept)) renameSync(writeTemp(file, { ...generate(), ...kept }), file);
    return true;
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}

/**
 * Secrets for a local (non-production) start: read from a git-ignored file, generated on first use, so gateway
 * and worker on one machine share them and restarts keep existing tokens and keys valid. Gateway and worker
 * start together: the file only ever appears complete (written aside, then linked or renamed into place), the
 * first writer wins, and a file missing a secret or unparseable (left by a crash of an older version) is repaired.
 */
export function loadOrCreateLocalSecrets(file: string): LocalSecrets {
  mkdirSync(dirname(file), { recursive: true });
  const start = Date.now();
  for (;;) {
    const current = readSecrets(file);
    if (current.state === 'parsed' && isComplete(current.secrets)) return current.secrets;
    const waited = Date.now() - start;
    if (current.state === 'missing') create(file);
    else if (current.state === 'unparseable' && waited < PARSE_RETRY_MS) sleep(POLL_MS);
    else if (!repair(file)) {
      if (waited >= LOCK_WAIT_MS) throw new Error(`${file}.lock has been held for ${LOCK_WAIT_MS} ms; remove it if no gateway or worker is starting`);
      sleep(POLL_MS);
    }
  }
}
