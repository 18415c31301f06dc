import { beforeEach, describe, expect, it } from 'vitest';
import { currentSession, SESSION_EXPIRED, signIn, signOut, takeEndReason, tokenExpiry } from './session';

const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (payload: Record<string, unknown>) => `${b64({ alg: 'HS256' })}.${b64(payload)}.sig`;

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('session', () => {
  it('reads the expiry of a token', () => {
    expect(tokenExpiry(jwt({ sub: 'u', exp: 2_000_000_000 }))).toBe(2_000_000_000_000);
    expect(tokenExpiry(jwt({ sub: 'u' }))).toBeNull();
    expect(tokenExpiry('garbage')).toBeNull();
  });
  it('keeps a valid token and treats an expired one as signed out', () => {
    const future = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    signIn(future);
    expect(currentSession()?.token).toBe(future);
    signIn(jwt({ exp: Math.floor(Date.now() / 1000) - 1 }));
    expect(currentSession()).toBeNull();
  });
  it('remembers why a session ended, once', () => {
    signIn(jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }));
    signOut(SESSION_EXPIRED);
    expect(currentSession()).toBeNull();
    expect(takeEndReason()).toBe(SESSION_EXPIRED);
    expect(takeEndReason()).toBeNull();
  });
});
