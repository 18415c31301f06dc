import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Authenticator } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { GatewayConfig } from '../config';

export interface AuthUser {
  user_id: string;
  email: string;
}

/** Only HS256 is accepted: `none`, RS256 and every other algorithm are rejected by the verifier. */
const ALGORITHMS: jwt.Algorithm[] = ['HS256'];
/** Clock difference tolerated between gateways (and the signer) for `exp`, `nbf` and `iat`. */
export const JWT_CLOCK_SKEW_SECONDS = 30;

/**
 * Claims a token must carry beyond a valid signature: an expiry (a token without one would be valid forever), and
 * no issue time in the future. A `crit` header names extensions the verifier must understand (RFC 7515 §4.1.11); we
 * understand none, so such a token is refused.
 */
function acceptable(header: jwt.JwtHeader & { crit?: unknown }, payload: jwt.JwtPayload, nowSeconds: number): boolean {
  if (header.crit !== undefined) return false;
  if (typeof payload.exp !== 'number') return false;
  if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > nowSeconds + JWT_CLOCK_SKEW_SECONDS)) return false;
  return typeof payload.sub === 'string';
}

export function signAccessToken(config: GatewayConfig, user: AuthUser): string {
  return jwt.sign({ email: user.email }, config.jwtSecret, {
    algorithm: 'HS256',
    subject: user.user_id,
    expiresIn: config.jwtExpiresInSeconds,
  });
}

/** A per-app passport instance, so two apps in one process (tests, rolling secrets) never share strategies. */
export function createJwtAuthenticator(config: GatewayConfig): Authenticator {
  const auth = new Authenticator();
  auth.use(
    'jwt',
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // A KeyObject: given a string, jsonwebtoken first tries it as a PEM public key on every request and builds the
        // secret key from it only after that throws (≈ 0.4 ms of CPU per request in the run-list bench's profile).
        // passport-jwt hands it to jsonwebtoken as it is; its types only name string | Buffer.
        secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
        algorithms: ALGORITHMS,
        // The verified token is passed whole, so the header (crit) can be checked too.
        jsonWebTokenOptions: { clockTolerance: JWT_CLOCK_SKEW_SECONDS, complete: true },
      },
      (token: jwt.Jwt, done: (err: unknown, user?: AuthUser | false) => void) => {
        const payload = token.payload as jwt.JwtPayload;
        if (!acceptable(token.header, payload, Math.floor(Date.now() / 1000))) return done(null, false);
        done(null, { user_id: payload.sub!, email: typeof payload.email === 'string' ? payload.email : '' });
      },
    ),
  );
  return auth as Authenticator;
}
