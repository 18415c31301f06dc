import { ApiKeyReads, RunSetupError, resolveProviderAccess } from '../src/provider-key.resolver';
import { WorkerHarness } from './worker.harness';

const h = new WorkerHarness();
beforeAll(() => h.setup());
afterAll(() => h.teardown());

const keys = () => new ApiKeyReads(h.db, h.userId);
const ring = () => ({ currentVersion: 1, keys: new Map([[1, Buffer.from(h.encryptionKey, 'base64')]]) });

test('a saved Bedrock key becomes AWS credentials, with the region from its runtime endpoint', async () => {
  await h.saveKey('https://bedrock-runtime.eu-central-1.amazonaws.com', 'bedrock', 'AKIAEXAMPLE:secretEXAMPLE:sessionTOKEN');
  expect(await resolveProviderAccess(keys(), ring(), 'bedrock')).toEqual({
    apiKey: 'secretEXAMPLE',
    bedrock: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secretEXAMPLE', sessionToken: 'sessionTOKEN', region: 'eu-central-1', endpoint: undefined },
  });
});

test('a Bedrock key without its secret cannot start a run, and the message says what is expected', async () => {
  await h.saveKey('https://bedrock-runtime.eu-central-1.amazonaws.com', 'bedrock', 'AKIAONLYTHEID');
  await expect(resolveProviderAccess(keys(), ring(), 'bedrock')).rejects.toThrow(RunSetupError);
  await expect(resolveProviderAccess(keys(), ring(), 'bedrock')).rejects.toThrow(/<access key id>:<secret access key>/);
});
