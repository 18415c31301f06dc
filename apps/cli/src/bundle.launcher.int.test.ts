/**
 * The CLI as `pnpm studio` runs it: bundled from the build (scripts/bundle-cli.mjs, into a directory of this test's)
 * and started by the launcher with V8's code cache. It must print and log what the modules run as they are print and
 * log, write its cache once, and survive a cache that is not one. Needs the build (`bash infra/scripts/build.sh`).
 */
import { hfFileUrl } from '@studio/datasets';
import { readEvalLog, type EvalLog } from '@studio/engine';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { GENERATIVE_FIXTURES, placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { runCli } from '../test/run-cli.helper';
import { codeCachePath } from './bundle.launcher';

const CLI_DIR = join(__dirname, '..');
/** The options `runCli` starts a bundle's process with (the cache is named after them). */
const CHILD_EXEC_ARGV = ['--require', join(CLI_DIR, 'src/ts-source.hook.cjs')];
const GSM8K_URL = hfFileUrl('openai/gsm8k', 'main/test/0000.parquet', 'refs/convert/parquet');

/** What a log says apart from the instants and the random ids (of messages, events) that differ between two runs. */
function comparable(log: EvalLog) {
  const summary = {
    status: log.status,
    task: log.eval.task,
    model: log.eval.model,
    dataset: log.eval.dataset,
    config: log.eval.config,
    plan: log.plan,
    results: log.results,
    samples: log.samples?.map((s) => ({ id: s.id, epoch: s.epoch, input: s.input, target: s.target, output: s.output.choices, scores: s.scores, metadata: s.metadata })),
  };
  return JSON.parse(JSON.stringify(summary, (key, value: unknown) => (key === 'id' && typeof value === 'string' ? 'random' : value))) as unknown;
}

describe('the bundled CLI', () => {
  let work: string;
  let bundleDir: string;
  let bundle: string;
  let server: FakeChatModel;

  beforeAll(async () => {
    if (!existsSync(join(CLI_DIR, 'dist/main.js'))) throw new Error('apps/cli is not built: run bash infra/scripts/build.sh');
    work = mkdtempSync(join(tmpdir(), 'studio-bundle-'));
    placeInCache(join(work, 'data/datasets'), GSM8K_URL, join(GENERATIVE_FIXTURES, 'openai-gsm8k-main-test.parquet'));
    // Under the build's bundle directory (build output, which the import rules skip); the paths of the modules the
    // bundle leaves out are written relative to wherever it is.
    mkdirSync(join(CLI_DIR, 'bundle'), { recursive: true });
    bundleDir = mkdtempSync(join(CLI_DIR, 'bundle', 'test-'));
    await promisify(execFile)(process.execPath, [join(CLI_DIR, 'scripts/bundle-cli.mjs'), bundleDir]);
    bundle = join(bundleDir, 'studio.js');
    server = await startFakeChatModel({ respond: (body) => (/Janet’s ducks/.test(lastUserText(body)) ? 'Answer: 18' : 'Answer: 1') });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  });

  const evalArgs = (logDir: string) => ['eval', 'gsm8k', '--model', 'openai/fake', '--model-base-url', server.baseUrl, '--offline', '--data-dir', join(work, 'data'), '--log-dir', logDir, '--display', 'plain'];
  const onlyLog = (dir: string) => readEvalLog(readFileSync(join(dir, readdirSync(dir).find((name) => name.endsWith('.eval'))!)));
  const withoutLogLine = (stdout: string) => stdout.replace(/^Log: .*$/m, '');

  it('prints and logs what the CLI run from its modules does, and writes its code cache once', async () => {
    const fromSource = await runCli(evalArgs(join(work, 'logs-source')), { OPENAI_API_KEY: 'k' });
    expect(fromSource.code).toBe(0);
    const cache = codeCachePath(bundle, CHILD_EXEC_ARGV);
    expect(existsSync(cache)).toBe(false);

    const first = await runCli(evalArgs(join(work, 'logs-bundle-1')), { OPENAI_API_KEY: 'k' }, [], bundle);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(fromSource.stderr.replaceAll(join(work, 'logs-source'), join(work, 'logs-bundle-1')));
    expect(withoutLogLine(first.stdout)).toBe(withoutLogLine(fromSource.stdout));
    expect(first.stdout).toContain('accuracy  0.3333 ± 0.3333');
    expect(comparable(onlyLog(join(work, 'logs-bundle-1')))).toEqual(comparable(onlyLog(join(work, 'logs-source'))));
    const written = statSync(cache);
    expect(written.size).toBeGreaterThan(100_000);

    // A usable cache is read, not written again.
    const second = await runCli(evalArgs(join(work, 'logs-bundle-2')), { OPENAI_API_KEY: 'k' }, [], bundle);
    expect(second.code).toBe(0);
    expect(withoutLogLine(second.stdout)).toBe(withoutLogLine(fromSource.stdout));
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
  }, 120_000);

  it('runs from a cache V8 rejects, and replaces it', async () => {
    const cache = codeCachePath(bundle, CHILD_EXEC_ARGV);
    writeFileSync(cache, 'not a code cache');
    const run = await runCli(['list'], {}, [], bundle);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mmlu');
    expect(readFileSync(cache).length).toBeGreaterThan(100_000);
  }, 60_000);

  it('exits with the CLI’s codes and messages', async () => {
    const run = await runCli(['eval', 'gsm8k', '--model', 'gpt-4o'], {}, [], bundle);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid model name format for --model: "gpt-4o". Expected format: provider/model-name');
  }, 60_000);
});
