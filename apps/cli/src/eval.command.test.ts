import { hfFileUrl } from '@studio/datasets';
import { readEvalLog } from '@studio/engine';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATIVE_FIXTURES, placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { loadCliEnv } from './cli-env.config';
import { parseEvalArgs } from './eval-args.parser';
import { runEvalCommand, settingsFromArgs, type CommandIo } from './eval.command';

const GSM8K_URL = hfFileUrl('openai/gsm8k', 'main/test/0000.parquet', 'refs/convert/parquet');

describe('runEvalCommand', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'eval-command-'));
    placeInCache(join(work, 'data', 'datasets'), GSM8K_URL, join(GENERATIVE_FIXTURES, 'openai-gsm8k-main-test.parquet'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('closes the log as an error run when the engine itself fails', async () => {
    const logDir = join(work, 'logs');
    const args = parseEvalArgs(['gsm8k', '--model', 'mockllm/model', '--offline', '--data-dir', join(work, 'data'), '--log-dir', logDir], false)!;
    // The argument parser rejects unknown reducers, so the engine's own check stands in for a failure inside runEval.
    args.epochsReducer = ['no_such_reducer'];
    const io: CommandIo = { stdout: () => undefined, stderr: { write: () => undefined, isTTY: false }, onInterrupt: () => undefined };

    await expect(runEvalCommand(args, loadCliEnv({}), io)).rejects.toThrow("unknown epoch reducer 'no_such_reducer'");

    const [file] = readdirSync(logDir);
    const log = readEvalLog(readFileSync(join(logDir, file!)));
    expect(log.status).toBe('error');
    expect(log.error?.message).toMatch(/^unknown epoch reducer 'no_such_reducer'/);
    expect(log.samples).toEqual([]);
  });

  it('turns the flags into the run’s settings: --model-role grader is the grader, -T the task arguments', () => {
    const argv = ['simpleqa', '--model', 'openai/x', '--limit', '1,3', '--epochs', '2', '--epochs-reducer', 'max', '--temperature', '0.5', '--seed', '3'];
    argv.push('--reasoning-effort', 'low', '--timeout', '30', '--max-retries', '2', '--model-role', 'grader=openai/g', '-T', 'grader_model=openai/t');
    argv.push('--model-base-url', 'http://127.0.0.1:9/v1', '--no-fail-on-error');
    expect(settingsFromArgs(parseEvalArgs(argv, false)!)).toEqual({
      benchmark: 'simpleqa',
      model: 'openai/x',
      limit: [1, 3],
      temperature: 0.5,
      top_p: null,
      max_tokens: null,
      timeout: 30,
      epochs: 2,
      max_connections: 10,
      seed: 3,
      grader_model: 'openai/g',
      fail_on_error: false,
      epochs_reducer: ['max'],
      reasoning_effort: 'low',
      max_retries: 2,
      model_base_url: 'http://127.0.0.1:9/v1',
      task_args: { grader_model: 'openai/t' },
    });
    expect(settingsFromArgs(parseEvalArgs(['gsm8k'], false)!)).toMatchObject({ limit: null, epochs: null, timeout: 10_000, fail_on_error: true, max_retries: null });
  });
});
