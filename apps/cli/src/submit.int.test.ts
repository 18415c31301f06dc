/**
 * `studio submit` as a CI job runs it: the CLI as a child process against a real gateway and worker
 * (e2e/studio-stack.helper.ts), gating on the run's score and on its drop below a baseline.
 */
import { createStudioClient, ok } from '@studio/client';
import { startStudioStack, type StudioStack } from '../../../e2e/studio-stack.helper';
import { runCli } from '../test/run-cli.helper';

// Each test starts the CLI from its TypeScript sources (a few seconds each on a loaded machine) and waits for runs.
jest.setTimeout(180_000);

let stack: StudioStack;
let token: string;

beforeAll(async () => {
  // `always-wrong` answers every question wrong; `broken` answers every request with an error.
  stack = await startStudioStack({
    latencyMs: 5,
    override: (body) =>
      body.model === 'always-wrong' ? 'Answer: Z' : body.model === 'broken' ? { status: 400, body: { error: { message: 'model is broken' } } } : undefined,
  });
  const client = createStudioClient({ baseUrl: stack.baseUrl });
  ({ access_token: token } = await ok(client.api.POST('/auth/register', { body: { email: 'ci@example.com', password: 'securepassword' } })));
  const authed = createStudioClient({ baseUrl: stack.baseUrl, token });
  await ok(authed.api.POST('/api-keys', { body: { provider: 'openai', key: 'sk-ci-0123456789', base_url: stack.model.baseUrl } }));
});

afterAll(async () => {
  await stack.close();
});

/** The server's origin: submit adds /api itself. */
const server = () => stack.baseUrl.replace(/\/api$/, '');
const submit = (model: string, ...options: string[]) =>
  runCli(['submit', 'mmlu', '--model', `openai/${model}`, '--limit', '12', '--server', server(), ...options], { STUDIO_TOKEN: token });

interface Printed {
  run_id: string;
  status: string;
  primary_metric: number | null;
  gate: { passed: boolean; drop?: { drop: number; source: string; baseline: string } };
}

let baseline: string;

test('passes above --min-score: progress on stderr, the run as JSON on stdout, exit 0', async () => {
  const result = await submit('gpt-4o', '--min-score', '0.5', '--tag', 'ci');
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout) as Printed;
  expect(printed).toMatchObject({ status: 'completed', gate: { passed: true } });
  expect(printed.primary_metric).toBeCloseTo(stack.expectedAccuracy(12), 12);
  expect(result.stderr).toContain(`Started run ${printed.run_id}`);
  expect(result.stderr).toContain('progress: 100% (12/12)');
  expect(result.stderr).toMatch(/passed: accuracy 0\.6667 >= min score 0\.5/);
  baseline = printed.run_id;
});

test('exits 3 below --min-score, with the token given as --token', async () => {
  const result = await runCli(['submit', 'mmlu', '--model', 'openai/gpt-4o', '--limit', '12', '--server', stack.baseUrl, '--token', token, '--min-score', '0.9'], {});
  expect(result.code).toBe(3);
  expect((JSON.parse(result.stdout) as Printed).gate.passed).toBe(false);
  expect(result.stderr).toContain('FAILED: accuracy 0.6667 is below min score 0.9');
});

test('--max-drop against a baseline uses the comparison: exit 0 for no drop, 3 for a drop', async () => {
  const same = await submit('gpt-4o', '--max-drop', '0.02', '--baseline', baseline);
  expect(same.code).toBe(0);
  expect((JSON.parse(same.stdout) as Printed).gate.drop).toMatchObject({ drop: 0, source: 'compare', baseline });

  const worse = await submit('always-wrong', '--max-drop', '0.02', '--baseline', baseline);
  expect(worse.code).toBe(3);
  const printed = JSON.parse(worse.stdout) as Printed;
  expect(printed.gate.drop!.drop).toBeCloseTo(stack.expectedAccuracy(12), 12);
  expect(worse.stderr).toMatch(/FAILED: drop 0\.6667 below baseline .* over 12 shared samples, 95% CI of the drop \[[\d.]+, [\d.]+\], McNemar p=/);
});

test('exits 4 when the run fails, whatever the thresholds', async () => {
  const result = await submit('broken', '--min-score', '0');
  expect(result.code).toBe(4);
  expect(JSON.parse(result.stdout)).toMatchObject({ status: 'failed', error: expect.stringContaining('model is broken') });
});

test('bad arguments and a server that refuses the request', async () => {
  expect((await runCli(['submit', 'mmlu', '--model', 'openai/gpt-4o', '--server', server(), '--max-drop', '0.1'], { STUDIO_TOKEN: token })).code).toBe(2);
  expect((await runCli(['submit', 'mmlu', '--model', 'openai/gpt-4o', '--server', server()], {})).stderr).toContain('--token TOKEN or STUDIO_TOKEN');
  const unauthorized = await runCli(['submit', 'mmlu', '--model', 'openai/gpt-4o', '--server', server(), '--token', 'not-a-token'], {});
  expect(unauthorized.code).toBe(1);
  expect(unauthorized.stderr).toContain('401');
  const missingBaseline = await submit('gpt-4o', '--max-drop', '0.1', '--baseline', '00000000-0000-4000-8000-000000000000');
  expect(missingBaseline.code).toBe(1);
  expect(missingBaseline.stderr).toContain('RUN_NOT_FOUND');
});
