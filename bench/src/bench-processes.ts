/** Helper processes the benches share: the offline MMLU cache builder and the fake OpenAI-compatible model server. */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real MMLU test rows (57 subject CSVs); see /work/shared/datasets/mmlu/SOURCE.md. */
export const MMLU_STORE = process.env.MMLU_STORE ?? '/work/shared/datasets/mmlu';

/** Fills the offline cache with mmlu.csv from the shared store, in a child process (see mmlu-cache.builder). */
export function buildMmluCacheInChild(cacheDir: string): Promise<number> {
  const child = fork(join(__dirname, 'mmlu-cache.builder.js'), [MMLU_STORE, cacheDir], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let questions: number | undefined;
    child.once('message', (message: { questions: number }) => (questions = message.questions));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && questions !== undefined ? resolve(questions) : reject(new Error(`cache builder exited with ${code}`))));
  });
}

/** Binds every thread of a process to the given CPUs (`taskset -a -p -c`), so engine and model server stop competing. */
export function pin(pid: number, cpuList: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
}

/** The fake model server (fake-provider.server) in its own process, answering after [minMs, maxMs] milliseconds. */
export function startFakeProvider(minMs: number, maxMs: number, cpuList?: string): Promise<{ baseUrl: string; stop(): void }> {
  const child = fork(join(__dirname, 'fake-provider.server.js'), [String(minMs), String(maxMs)], { stdio: 'inherit' });
  if (cpuList !== undefined) pin(child.pid!, cpuList);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { port: number }) =>
      resolve({ baseUrl: `http://127.0.0.1:${message.port}/v1`, stop: () => child.kill() }),
    );
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
