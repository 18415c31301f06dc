import { EvalSession, evalSettings, newEvalLogIdentity, readEvalLog, type EvalLogStart, type Sample } from '@studio/engine';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmluRecord } from '../../../packages/engine/test/fixtures/inspect-logs/synthetic-runs';
import { openEvalLogSink } from './eval-log.sink';

const SAMPLES = 25;

function run(): EvalLogStart {
  const samples: Sample[] = Array.from({ length: SAMPLES }, (_, i) => ({ id: i + 1, input: `q${i + 1}`, target: 'A' }));
  return EvalSession.open(evalSettings({ benchmark: 'gsm8k', model: 'openai/fake', timeout: 600 })).logStart(newEvalLogIdentity(), samples);
}

/** Entry count of the end of central directory record the file ends with (no archive comment). */
function endRecordEntries(bytes: Buffer): number {
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  return bytes.readUInt16LE(end + 10);
}

describe('openEvalLogSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-log-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a log that reads as started with its samples when the process dies before closing it', () => {
    const sink = openEvalLogSink(dir, 'killed', run());
    for (let id = 1; id <= 20; id++) sink.addSample(mmluRecord(id));
    sink.drain();
    // At a checkpoint the file is a complete archive, for Inspect's own readers too: it ends with
    // the end of central directory record, counting the start journal, 20 samples and 2 summary batches.
    expect(endRecordEntries(readFileSync(sink.path))).toBe(23);
    for (let id = 21; id <= SAMPLES; id++) sink.addSample(mmluRecord(id));
    sink.drain();

    const log = readEvalLog(readFileSync(sink.path));
    expect(log.status).toBe('started');
    expect(log.eval.task).toBe('gsm8k');
    expect(log.samples).toHaveLength(SAMPLES);
  });

  it('closes the log as cancelled on abort, without results, and only once', () => {
    const sink = openEvalLogSink(dir, 'forced', run());
    for (let id = 1; id <= 3; id++) sink.addSample(mmluRecord(id));
    sink.abort('cancelled');
    sink.abort('error', 'too late');

    const bytes = readFileSync(sink.path);
    // The start journal, 3 samples, their summary batch, summaries.json and header.json.
    expect(endRecordEntries(bytes)).toBe(7);
    const log = readEvalLog(bytes);
    expect(log.status).toBe('cancelled');
    expect(log.results).toBeUndefined();
    expect(log.error).toBeUndefined();
    expect(log.samples).toHaveLength(3);
    expect(Date.parse(log.stats.completed_at)).toBeGreaterThanOrEqual(Date.parse(log.stats.started_at));
  });

  it('finishes the log in its thread: drain waits for it, and an abort meanwhile (a forced exit) only waits too', () => {
    const sink = openEvalLogSink(dir, 'finished', run());
    for (let id = 1; id <= 3; id++) sink.addSample(mmluRecord(id));
    const at = new Date().toISOString();
    sink.finish({ status: 'success', results: [], reductions: [], totals: { samples: 3, completed: 3 }, usage: {}, started_at: at, completed_at: at });
    sink.abort('cancelled');
    sink.drain();

    const log = readEvalLog(readFileSync(sink.path));
    expect(log.status).toBe('success');
    expect(log.samples).toHaveLength(3);
  });

  it('reports a failure of the writing thread when the log is finished, and on drain', () => {
    const sink = openEvalLogSink(dir, 'twice', run());
    sink.addSample(mmluRecord(1));
    sink.addSample(mmluRecord(1));

    expect(() => sink.drain()).toThrow(/Could not write the log .*twice\.eval: sample 1 epoch 1 was already written/);
    expect(() => sink.abort('error')).not.toThrow();
  });

  it("runs its thread on the log writer's modules alone: no catalog, tasks, providers, HTTP client or zod", () => {
    // Loading those took ≈ 300 ms of CPU at every `studio eval`'s start, on the core the main thread needs then.
    const loaded = execFileSync(
      process.execPath,
      ['--require', join(__dirname, 'ts-source.hook.cjs'), '-e', `require(${JSON.stringify(join(__dirname, 'eval-log.file.ts'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
      { encoding: 'utf8' },
    );
    const modules = JSON.parse(loaded) as string[];
    expect(modules).toContainEqual(expect.stringMatching(/packages\/engine\/src\/eval-log\/eval-log\.writer\.ts$/));
    expect(modules.filter((m) => /packages\/(providers|contracts|datasets)\/|engine\/src\/(catalog|tasks|scorers)\/|\/(undici|zod)\//.test(m))).toEqual([]);
  });

  it('closes the log in its thread without a Node warning on stderr', () => {
    // The descriptor is opened by the main thread and closed by the writer's; Node's fd tracking of worker threads
    // warned about that on every `studio eval` whose thread output reached stderr before the exit (the wait below).
    const script = [
      `const { EvalSession, evalSettings, newEvalLogIdentity } = require('@studio/engine');`,
      `const { openEvalLogSink } = require(${JSON.stringify(join(__dirname, 'eval-log.sink.ts'))});`,
      `const start = EvalSession.open(evalSettings({ benchmark: 'gsm8k', model: 'openai/fake', timeout: 600 })).logStart(newEvalLogIdentity(), [{ id: 1, input: 'q', target: 'A' }]);`,
      `openEvalLogSink(process.argv[1], 'child', start).abort('cancelled');`,
      `setTimeout(() => {}, 300);`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--require', join(__dirname, 'ts-source.hook.cjs'), '-e', script, dir], { encoding: 'utf8', cwd: __dirname });

    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readEvalLog(readFileSync(join(dir, 'child.eval'))).status).toBe('cancelled');
  });

  it('fails at once when the log file cannot be created', () => {
    expect(() => openEvalLogSink(dir, 'missing-dir/x', run())).toThrow(/ENOENT/);
  });
});
