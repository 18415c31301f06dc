/**
 * What a personal access token may be granted, and what each operation asks of one (`@Security('jwt', [READ])`).
 * A browser session (a JWT from login) may do everything its user may; a token only what an operation's scope
 * names and the token holds. Operations that name no token scope (managing tokens, administration) refuse tokens.
 */
export const TOKEN_SCOPES = ['read', 'run', 'admin-keys'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Reading runs, statistics, the profile, models, webhooks and schedules. */
export const READ: TokenScope = 'read';
/** Starting, canceling, deleting and annotating runs; managing schedules and webhooks. */
export const RUN: TokenScope = 'run';
/** Seeing and changing stored provider keys. */
export const ADMIN_KEYS: TokenScope = 'admin-keys';

export const isTokenScope = (scope: string): scope is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(scope);
