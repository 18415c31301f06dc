/**
 * The CLI as users run it: a child process (`src/main.ts` through the swc require hook), a local
 * OpenAI-compatible server as the model and an offline dataset cache holding real GSM8K rows.
 */
import { hfFileUrl } from '@studio/datasets';
import { readEvalLog } from '@studio/engine';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastUserText, startFakeChatModel, type FakeChatModel } from '../../../packages/engine/test/fake-chat-model.server';
import { FAKE_PERSPECTIVE_KEY, startFakePerspective } from '../../../packages/engine/test/fake-perspective.server';
import { GENERATIVE_FIXTURES, placeInCache } from '../../../packages/engine/test/offline-cache.helper';
import { hfParquetListingUrl } from '../../../packages/engine/src/tasks/shared/hf-parquet.source';
import { runCli } from '../test/run-cli.helper';

const GSM8K_FIXTURE = join(GENERATIVE_FIXTURES, 'openai-gsm8k-main-test.parquet');
const GSM8K_URL = hfFileUrl('openai/gsm8k', 'main/test/0000.parquet', 'refs/convert/parquet');

function onlyLog(dir: string): string {
  const logs = readdirSync(dir).filter((name) => name.endsWith('.eval'));
  expect(logs).toHaveLength(1);
  return join(dir, logs[0]);
}

describe('studio CLI', () => {
  let work: string;
  let dataDir: string;
  let server: FakeChatModel;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'studio-cli-'));
    dataDir = join(work, 'data');
    placeInCache(join(dataDir, 'datasets'), GSM8K_URL, GSM8K_FIXTURE);
    // Right about the ducks and the robe, wrong about the house.
    server = await startFakeChatModel({
      respond: (body) => (/Janet’s ducks/.test(lastUserText(body)) ? 'Answer: 18' : /A robe takes/.test(lastUserText(body)) ? 'Answer: 3' : 'Answer: 1'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a benchmark, prints its metrics and writes an .eval log Inspect can read', async () => {
    const logDir = join(work, 'logs-success');
    const run = await runCli(
      ['eval', 'gsm8k', '--model', 'openai/fake', '--model-base-url', server.baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', logDir, '--display', 'plain'],
      { OPENAI_API_KEY: 'k' },
    );

    expect(run.stderr).toContain('gsm8k: 3/3 samples (100%)');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GSM8K (gsm8k) · openai/fake · status success');
    expect(run.stdout).toMatch(/accuracy {2}0\.6667 ± 0\.3333 {2}95% CI 0\.2077–0\.9385 \(Wilson, 2\/3\)/);
    const path = onlyLog(logDir);
    expect(run.stdout).toContain(`Log: ${path}`);
    const log = readEvalLog(readFileSync(path));
    expect(log.status).toBe('success');
    expect(log.eval.model).toBe('openai/fake');
    expect(log.eval.task).toBe('gsm8k');
    expect(log.samples).toHaveLength(3);
    expect(log.results?.scores[0].metrics.accuracy.value).toBe(2 / 3);
    expect(log.plan.config).toEqual({ temperature: 0, max_tokens: 2048 });
  });

  it('applies --limit, generation overrides and --logfile', async () => {
    const logDir = join(work, 'logs-limit');
    const run = await runCli(
      ['eval', 'gsm8k', '--model', 'openai/fake', '--limit', '1,3', '--temperature', '0.7', '--logfile', 'two', '--offline', '--data-dir', dataDir, '--log-dir', logDir, '--display', 'none'],
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl },
    );

    expect(run.code).toBe(0);
    const log = readEvalLog(readFileSync(join(logDir, 'two.eval')));
    expect(log.samples?.map((sample) => sample.id).sort()).toEqual([2, 3]);
    expect(log.eval.config.limit).toEqual([1, 3]);
    expect(log.plan.config.temperature).toBe(0.7);
    expect(run.stderr).not.toContain('samples (');
  });

  it('runs mockllm/model without any API key', async () => {
    const run = await runCli(['eval', 'gsm8k', '--model', 'mockllm/model', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-mock')], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accuracy  0.0000 ± 0.0000');
  });

  it('reads an endpoint of its own name from <NAME>_BASE_URL and <NAME>_API_KEY', async () => {
    const before = server.requests.length;
    const run = await runCli(['eval', 'gsm8k', '--model', 'my-llm/llama', '--limit', '1', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-custom')], {
      MY_LLM_BASE_URL: server.baseUrl,
      MY_LLM_API_KEY: 'sk-local',
    });
    expect(run.code).toBe(0);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.headers.authorization)).toEqual(['Bearer sk-local']);
    expect(JSON.parse(sent[0].body)).toMatchObject({ model: 'llama' });
  });

  it('exits 2 with a clear message for a model without a provider', async () => {
    const run = await runCli(['eval', 'gsm8k', '--model', 'gpt-4o'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid model name format for --model: "gpt-4o". Expected format: provider/model-name');
  });

  it('exits 2 for unknown benchmarks, flags and task arguments', async () => {
    expect((await runCli(['eval', 'no_such_bench', '--model', 'mockllm/model'], {})).code).toBe(2);
    expect((await runCli(['eval', 'gsm8k', '--model', 'mockllm/model', '--bogus'], {})).stderr).toContain("Unknown option '--bogus'");
    const badArg = await runCli(['eval', 'gsm8k', '--model', 'mockllm/model', '-T', 'grader_model=openai/x'], {});
    expect(badArg.code).toBe(2);
    expect(badArg.stderr).toContain('gsm8k does not accept task argument(s) grader_model; it accepts split');
  });

  it('exits 2 before any request when a vision benchmark meets a provider without image inputs, as POST /api/runs refuses it', async () => {
    const run = await runCli(['eval', 'mmmu', '--model', 'cerebras/llama3.1-8b', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-vision')], {
      CEREBRAS_API_KEY: 'sk-local',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mmmu sends images, and provider "cerebras" does not take image inputs');
  });

  it("exits 2 before loading anything when the provider lists the model with a smaller context than the benchmark needs", async () => {
    const models = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'tiny', object: 'model', context_length: 32_768 }] }));
    });
    models.listen(0, '127.0.0.1');
    await once(models, 'listening');
    try {
      const baseUrl = `http://127.0.0.1:${(models.address() as AddressInfo).port}/v1`;
      const run = await runCli(['eval', 'graphwalks', '--model', 'openai/tiny', '--model-base-url', baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-context')], {
        OPENAI_API_KEY: 'sk-local',
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('GraphWalks needs a context window of at least 128,000 tokens; openai/tiny has 32,768.');
    } finally {
      models.close();
    }
  });

  it('exits 1 naming the variable when the provider key is missing', async () => {
    const run = await runCli(['eval', 'gsm8k', '--model', 'openai/fake', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-nokey')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no API key configured (openbench reads it from OPENAI_API_KEY)');
  });

  it('exits 1 naming PERSPECTIVE_API_KEY when a polyglotoxicity key (or its group) runs without it, before any model call', async () => {
    const args = ['--model', 'openai/fake', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-noperspective')];
    for (const benchmark of ['polyglotoxicity_english', 'polyglotoxicity']) {
      const run = await runCli(['eval', benchmark, ...args], { OPENAI_API_KEY: 'k' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `${benchmark === 'polyglotoxicity' ? 'polyglotoxicity_arabic' : benchmark} is scored by Google Perspective API: no API key configured (openbench reads it from PERSPECTIVE_API_KEY)`,
      );
    }
  });

  it('exits 1 naming JINA_API_KEY, then GOOGLE_API_KEY (the fixed judges), when deep_research_bench runs without them', async () => {
    const args = ['eval', 'deep_research_bench', '--model', 'openai/fake', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-nodrb')];
    const noJina = await runCli(args, { OPENAI_API_KEY: 'k' });
    expect(noJina.code).toBe(1);
    expect(noJina.stderr).toContain('deep_research_bench is scored by Jina AI Reader: no API key configured (openbench reads it from JINA_API_KEY)');
    const noGoogle = await runCli(args, { OPENAI_API_KEY: 'k', JINA_API_KEY: 'jina_k' });
    expect(noGoogle.code).toBe(1);
    expect(noGoogle.stderr).toContain('google: no API key configured (openbench reads it from GOOGLE_API_KEY)');
  });

  it('exits 1 naming FACTSCORE_DB_PATH when factscore runs without its knowledge base, or with a path that is not one', async () => {
    const args = ['eval', 'factscore', '--model', 'openai/fake', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-nofactscore')];
    const unset = await runCli(args, { OPENAI_API_KEY: 'k' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("factscore checks answers against FActScore's Wikipedia knowledge base, which is not configured here (FACTSCORE_DB_PATH)");
    const missing = join(work, 'no-such.db');
    const wrong = await runCli(args, { OPENAI_API_KEY: 'k', FACTSCORE_DB_PATH: missing });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`FActScore's Wikipedia knowledge base could not be opened at ${missing} (FACTSCORE_DB_PATH)`);
  });

  it('exits 1 naming SCICODE_H5_PATH when scicode runs without its test data, or with a file that is not HDF5', async () => {
    const args = ['eval', 'scicode', '--model', 'openai/fake', '--offline', '--data-dir', dataDir, '--log-dir', join(work, 'logs-noscicode')];
    const unset = await runCli(args, { OPENAI_API_KEY: 'k' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("scicode runs its tests against SciCode's test data (test_data.h5), which is not configured here (SCICODE_H5_PATH)");
    const notH5 = join(work, 'not-test-data.h5');
    writeFileSync(notH5, 'not hdf5');
    const wrong = await runCli(args, { OPENAI_API_KEY: 'k', SCICODE_H5_PATH: notH5 });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`SciCode's test data (test_data.h5) could not be opened at ${notH5} (SCICODE_H5_PATH): not an HDF5 file`);
  });

  it('scores polyglotoxicity with PERSPECTIVE_API_KEY at PERSPECTIVE_API_URL, and the key reaches no output or log', async () => {
    const repo = 'ToxicityPrompts/PolygloToxicityPrompts';
    const cache = join(dataDir, 'datasets');
    placeInCache(cache, hfParquetListingUrl(repo, 'ptp-en', 'small'), join(GENERATIVE_FIXTURES, 'ToxicityPrompts-PolygloToxicityPrompts-ptp-en-small.tree.json'));
    for (const shard of ['0000', '0001'])
      placeInCache(cache, hfFileUrl(repo, `ptp-en/small/${shard}.parquet`, 'refs/convert/parquet'), join(GENERATIVE_FIXTURES, `ToxicityPrompts-PolygloToxicityPrompts-ptp-en-small-${shard}.parquet`));
    const perspective = await startFakePerspective(() => 0.4);
    const logDir = join(work, 'logs-perspective');
    try {
      const run = await runCli(
        ['eval', 'polyglotoxicity_english', '-T', 'split=small', '-T', 'num_samples=1', '--model', 'openai/fake', '--model-base-url', server.baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', logDir, '--display', 'none'],
        { OPENAI_API_KEY: 'k', PERSPECTIVE_API_KEY: FAKE_PERSPECTIVE_KEY, PERSPECTIVE_API_URL: perspective.url },
      );
      expect(run.code).toBe(0);
      expect(perspective.analyzeRequests()).toHaveLength(3);
      const log = readEvalLog(readFileSync(onlyLog(logDir)));
      // Python's sum(...) / len(...) over three 0.4s, as the metrics compute it.
      const mean = (0.4 + 0.4 + 0.4) / 3;
      expect(log.results?.scores[0].metrics).toMatchObject({
        expected_maximum_toxicity: { name: 'expected_maximum_toxicity', value: mean },
        empirical_probability: { name: 'empirical_probability', value: 0 },
        average_toxicity: { name: 'average_toxicity', value: mean },
      });
      for (const text of [run.stdout, run.stderr, JSON.stringify(log)]) expect(text).not.toContain(FAKE_PERSPECTIVE_KEY);
    } finally {
      await perspective.close();
    }
  });

  it('cancels on Ctrl-C: in-flight requests are aborted and the partial log says cancelled', async () => {
    // Never answers; a pending promise holds no timer, so nothing outlives the test.
    const slow = await startFakeChatModel({ respond: () => new Promise<string>(() => undefined) });
    const logDir = join(work, 'logs-cancel');
    try {
      const started = Date.now();
      const run = await runCli(
        ['eval', 'gsm8k', '--model', 'openai/slow', '--model-base-url', slow.baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', logDir],
        { OPENAI_API_KEY: 'k' },
        [{ when: (stderr) => stderr.includes('Running gsm8k') && slow.inFlight === 3, signal: 'SIGINT' }],
      );
      expect(run.code).toBe(130);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(run.stderr).toContain('Cancelling');
      const log = readEvalLog(readFileSync(onlyLog(logDir)));
      expect(log.status).toBe('cancelled');
      expect(log.samples).toHaveLength(0);
      expect(slow.cancelled).toBe(3);
    } finally {
      await slow.close();
    }
  });

  it('cancels on SIGTERM like Ctrl-C, keeping the samples already done in a log that says cancelled', async () => {
    // Answers the ducks question only; the other two requests stay open until they are cancelled.
    const partial = await startFakeChatModel({
      respond: (body) => (/Janet’s ducks/.test(lastUserText(body)) ? 'Answer: 18' : new Promise<string>(() => undefined)),
    });
    const logDir = join(work, 'logs-sigterm');
    try {
      const run = await runCli(
        ['eval', 'gsm8k', '--model', 'openai/partial', '--model-base-url', partial.baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', logDir, '--display', 'plain'],
        { OPENAI_API_KEY: 'k' },
        [{ when: (stderr) => stderr.includes('gsm8k: 1/3 samples') && partial.inFlight === 2, signal: 'SIGTERM' }],
      );
      expect(run.stderr).toContain('Cancelling');
      expect(run.code).toBe(130);
      const log = readEvalLog(readFileSync(onlyLog(logDir)));
      expect(log.status).toBe('cancelled');
      expect(log.samples!.map((sample) => sample.id)).toEqual([1]);
      expect(partial.cancelled).toBe(2);
    } finally {
      await partial.close();
    }
  });

  it('quits at once on a second Ctrl-C, still leaving a log that opens as cancelled', async () => {
    const slow = await startFakeChatModel({ respond: () => new Promise<string>(() => undefined) });
    const logDir = join(work, 'logs-double-interrupt');
    try {
      const run = await runCli(
        ['eval', 'gsm8k', '--model', 'openai/slow', '--model-base-url', slow.baseUrl, '--offline', '--data-dir', dataDir, '--log-dir', logDir],
        { OPENAI_API_KEY: 'k' },
        [
          { when: (stderr) => stderr.includes('Running gsm8k') && slow.inFlight === 3, signal: 'SIGINT' },
          { when: (stderr) => stderr.includes('Cancelling'), signal: 'SIGINT' },
        ],
      );
      // The cancellation usually finishes within milliseconds; a second Ctrl-C that lands while node is already
      // tearing down (its signal handlers gone) ends it by SIGINT, which shells report as 130 too.
      expect(run.signal === 'SIGINT' ? 130 : run.code).toBe(130);
      const log = readEvalLog(readFileSync(onlyLog(logDir)));
      expect(log.status).toBe('cancelled');
      expect(log.samples).toHaveLength(0);
    } finally {
      await slow.close();
    }
  });

  it('lists the catalog with runnable flags and describes a benchmark', async () => {
    const list = await runCli(['list', '--search', 'squad'], {});
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/squad_v2 +SQuAD v2 +core +yes/);
    const describe = await runCli(['describe', 'math_500'], {});
    expect(describe.stdout).toContain('grader        openai/gpt-4-turbo-preview');
    expect(describe.stdout).toContain('config        max_tokens=8192');
    const unknown = await runCli(['describe', 'mgsm_xx'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean');
  });
});
