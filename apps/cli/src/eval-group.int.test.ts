/**
 * `studio eval <group>` as users run it (a child process, a local OpenAI-compatible model, an offline cache holding the
 * ANLI slice at each round's URL): each member runs and prints its result, then openbench's group summary, whose
 * expected text was produced by executing openbench's own `display_group_summary` (v0.5.3) on the same member values.
 */
import { hfFileUrl } from '@studio/datasets';
import { getTask } from '@studio/engine';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { MCQ_FIXTURES, placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { runCli } from '../test/run-cli.helper';
import { describeCommand, listCommand } from './catalog.commands';

const ROUNDS = ['anli_r1', 'anli_r2', 'anli_r3'];

describe('studio eval <group>', () => {
  let work: string;
  let dataDir: string;
  let server: FakeChatModel;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'studio-cli-group-'));
    dataDir = join(work, 'data');
    const cacheDir = join(dataDir, 'datasets');
    for (const round of [1, 2, 3]) placeInCache(cacheDir, hfFileUrl('facebook/anli', `plain_text/test_r${round}/0000.parquet`, 'refs/convert/parquet'), join(MCQ_FIXTURES, 'anli.parquet'));
    const [first, second] = await getTask('anli_r1').dataset.load({ cacheDir, offline: true });
    const targets = new Map([first, second].map((s) => [s.input as string, String(s.target)]));
    // The rounds share the slice and run one after another, so the n-th time a question comes is round n: round 1
    // gets both right, round 2 only the first question, round 3 neither.
    const seen = new Map<string, number>();
    server = await startFakeChatModel({
      respond: (body) => {
        const prompt = lastUserText(body);
        const target = targets.get(prompt);
        if (!target) return { status: 400, body: { error: { message: 'unknown prompt' } } };
        const time = (seen.get(prompt) ?? 0) + 1;
        seen.set(prompt, time);
        const right = time === 1 || (time === 2 && prompt === first.input);
        return `ANSWER: ${right ? target : 'ABC'[('ABC'.indexOf(target) + 1) % 3]}`;
      },
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs every member, prints each result and the group summary as openbench does', async () => {
    const logDir = join(work, 'logs-anli');
    const run = await runCli(
      ['eval', 'anli', '--model', 'openai/fake', '--model-base-url', server.baseUrl, '--limit', '2', '--offline', '--data-dir', dataDir, '--log-dir', logDir, '--display', 'none'],
      { OPENAI_API_KEY: 'k' },
    );
    expect(run.stderr).not.toContain('Run failed');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("📦 Expanding group 'anli' -> 3 benchmarks\n")).toBe(true);
    ROUNDS.forEach((round, i) => expect(run.stdout).toContain(`ANLI Round ${i + 1} (${round}) · openai/fake · status success`));
    expect([...run.stdout.matchAll(/^ {2}accuracy {2}(\S+)/gm)].map((m) => m[1])).toEqual(['1.0000', '0.5000', '0.0000']);
    expect(readdirSync(logDir).filter((f) => f.endsWith('.eval'))).toHaveLength(3);
    expect(run.stdout.endsWith(
      'Evaluation complete!\n' +
        '\n============================================================\n\ud83d\udcca GROUP SUMMARY - ANLI\n============================================================\nTotal benchmarks:    3\nTotal samples:       6\nMean accuracy:       50.00%\nMedian accuracy:     50.00%\n95% CI:              [0.00%, 100.00%]\nStd deviation:       0.5000\nStd error:           0.2887\n============================================================\n\n',
    )).toBe(true);
  });

  it('refuses a group it cannot run whole, naming each member that cannot run, and --logfile with a group', async () => {
    const ctiBench = await runCli(['eval', 'cti_bench', '--model', 'mockllm/model', '--offline', '--data-dir', dataDir], {});
    expect(ctiBench.code).toBe(2);
    expect(ctiBench.stderr).toContain('Eval group "cti_bench" cannot run: 4 of 4 members cannot run here');
    for (const member of ['cti_bench_ate', 'cti_bench_mcq', 'cti_bench_rcm', 'cti_bench_vsp']) expect(ctiBench.stderr).toContain(`  ${member}: `);
    const logfile = await runCli(['eval', 'anli', '--model', 'mockllm/model', '--logfile', 'one', '--offline', '--data-dir', dataDir], {});
    expect(logfile.code).toBe(2);
    expect(logfile.stderr).toContain('--logfile names one log; a group writes one per member');
  });
});

test('studio list --groups shows each group with its runnable members', () => {
  const all = listCommand(['--groups']);
  expect(all).toMatch(/^superglue +SuperGLUE +7 +yes +SuperGLUE benchmark with 6 NLU tasks$/m);
  expect(all).toMatch(/^cti_bench +CTI-Bench +4 +0\/4 +Aggregate of 4 CTI-Bench tasks$/m);
  expect(all).toMatch(/^anli +ANLI +3 +yes +Aggregate of 3 ANLI rounds$/m);
  expect(all.endsWith('Total: 29 groups, 27 runnable')).toBe(true);
  expect(listCommand(['--groups', '--runnable']).endsWith('Total: 27 groups, 27 runnable')).toBe(true);
});

test('studio describe shows a group with its members; a benchmark sharing a runnable group key says eval runs the group', () => {
  const bbh = describeCommand(['bbh']).split('\n');
  expect(bbh.slice(0, 6)).toEqual([
    'BIG-Bench Hard (eval group bbh)',
    '',
    'Aggregate of 18 challenging BIG-Bench tasks that require multi-step reasoning',
    '',
    'runnable      yes: studio eval bbh --model provider/model (each member, then the group summary)',
    'members       18',
  ]);
  expect(bbh[6]).toMatch(/^ {2}bbh_causal_judgment +runnable$/);
  expect(describeCommand(['group:anli'])).toContain('runnable      yes: studio eval anli --model provider/model (each member, then the group summary)');
  expect(describeCommand(['mgsm'])).toContain('runnable      yes, on a Studio server (studio submit mgsm); studio eval mgsm runs the eval group MGSM (studio describe group:mgsm)');
  expect(describeCommand(['smt'])).toContain('runnable      yes, on a Studio server (studio submit smt); studio eval smt runs the eval group SMT 2024 (studio describe group:smt)');
});
