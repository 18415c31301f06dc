/** Users and their saved provider keys, created through the API as a client would. */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';

let userSeq = 0;

export interface TestUser {
  token: string;
  userId: string;
}

/** Registers a fresh user (a unique email starting with `label`) and returns its bearer token and id. */
export async function registerUser(app: Express, label = 'runs'): Promise<TestUser> {
  const email = `${label}-${++userSeq}-${randomUUID().slice(0, 8)}@example.com`;
  const res = await request(app).post('/api/auth/register').send({ email, password: 'securepassword' });
  const me = await request(app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`);
  return { token: res.body.access_token, userId: me.body.user_id };
}

/** Saves the user's key for `provider` with `POST /api/api-keys`; returns the stored key's id. */
export async function saveKey(app: Express, user: TestUser, provider: string, key = `test-key-for-${provider}-0123456789`): Promise<string> {
  const res = await request(app).post('/api/api-keys').set('Authorization', `Bearer ${user.token}`).send({ provider, key });
  if (res.status !== 200) throw new Error(`saving the ${provider} key failed: ${JSON.stringify(res.body)}`);
  return res.body.key_id;
}

/** Creates a personal access token of the user's with `POST /api/tokens`; returns its secret and id. */
export async function createAccessToken(
  app: Express,
  user: TestUser,
  scopes: string[],
  extra: { name?: string; expires_in_days?: number } = {},
): Promise<{ token: string; tokenId: string }> {
  const res = await request(app).post('/api/tokens').set('Authorization', `Bearer ${user.token}`).send({ name: 'test token', scopes, ...extra });
  if (res.status !== 200) throw new Error(`creating a token failed: ${JSON.stringify(res.body)}`);
  return { token: res.body.token, tokenId: res.body.token_id };
}
