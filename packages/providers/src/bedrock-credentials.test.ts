import { parseBedrockCredentials } from './bedrock-credentials';

test('access key id and secret, with an optional session token', () => {
  expect(parseBedrockCredentials('AKIAX:secret')).toEqual({ accessKeyId: 'AKIAX', secretAccessKey: 'secret', region: 'us-east-1' });
  expect(parseBedrockCredentials('ASIAX:secret:token')).toMatchObject({ sessionToken: 'token' });
});

test('the region comes from an AWS runtime endpoint; any other base URL is an endpoint override', () => {
  expect(parseBedrockCredentials('a:b', 'https://bedrock-runtime.eu-west-1.amazonaws.com')).toEqual({
    accessKeyId: 'a',
    secretAccessKey: 'b',
    region: 'eu-west-1',
  });
  expect(parseBedrockCredentials('a:b', 'https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com').region).toBe('us-gov-west-1');
  expect(parseBedrockCredentials('a:b', 'https://vpce-1.example.internal')).toMatchObject({ region: 'us-east-1', endpoint: 'https://vpce-1.example.internal' });
});

test.each(['AKIAONLY', ':secret', 'a:', 'a:b:', 'a:b:c:d'])('%j is refused with the expected format', (key) => {
  expect(() => parseBedrockCredentials(key)).toThrow(/<access key id>:<secret access key>/);
});
