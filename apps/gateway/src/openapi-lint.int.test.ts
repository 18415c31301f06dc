/** The OpenAPI document passes Redocly's recommended rules with no error (warnings are printed, not failed). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

test('redocly lint finds no error in the document the gateway serves (build/swagger.json)', async () => {
  const gateway = join(__dirname, '..');
  const { stdout } = await promisify(execFile)(join(gateway, 'node_modules/.bin/redocly'), ['lint', 'build/swagger.json', '--format=json'], {
    cwd: gateway,
    // No update check or telemetry: tests never reach the internet.
    env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_TELEMETRY: 'off' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: { stdout: string }) => e);
  const { problems } = JSON.parse(stdout) as { problems: Problem[] };
  const describe = (p: Problem) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`;
  const warnings = problems.filter((p) => p.severity === 'warn');
  if (warnings.length) console.log(`redocly warnings:\n${warnings.map(describe).join('\n')}`);
  expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
}, 60_000);
