/**
 * The signed-in session: the gateway's JWT in localStorage (shared by tabs), its expiry read from the token, and
 * the reason the last session ended (shown on the sign-in page). Components read it with `useSession`.
 */
import { useSyncExternalStore } from 'react';

const TOKEN_KEY = 'openbench.token';
const ENDED_KEY = 'openbench.session-ended';

export interface Session {
  token: string;
  /** Milliseconds since the epoch; null when the token carries no `exp`. */
  expiresAt: number | null;
}

/** The `exp` claim of a JWT in milliseconds, or null when the token has none or cannot be read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export const isExpired = (session: Session, now = Date.now()) => session.expiresAt !== null && session.expiresAt <= now;

const listeners = new Set<() => void>();
let cached: { token: string | null; session: Session | null } = { token: null, session: null };

function read(): Session | null {
  const token = localStorage.getItem(TOKEN_KEY);
  if (token !== cached.token) cached = { token, session: token ? { token, expiresAt: tokenExpiry(token) } : null };
  return cached.session;
}

function notify() {
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === TOKEN_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The current session, or null; an expired token counts as none. */
export function currentSession(): Session | null {
  const s = read();
  return s && !isExpired(s) ? s : null;
}

export function signIn(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  sessionStorage.removeItem(ENDED_KEY);
  notify();
}

/** Ends the session; `reason` is shown on the sign-in page (e.g. that the session expired). */
export function signOut(reason?: string): void {
  localStorage.removeItem(TOKEN_KEY);
  if (reason) sessionStorage.setItem(ENDED_KEY, reason);
  else sessionStorage.removeItem(ENDED_KEY);
  notify();
}

export const SESSION_EXPIRED = 'Your session has expired. Sign in again to continue.';

/** Why the last session ended, once: reading it clears it. */
export function takeEndReason(): string | null {
  const reason = sessionStorage.getItem(ENDED_KEY);
  sessionStorage.removeItem(ENDED_KEY);
  return reason;
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
