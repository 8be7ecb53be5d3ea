import { createHmac, timingSafeEqual } from 'node:crypto';
import { MEMBER_ROLES, OPERATOR_ROLE } from '@curbe-voice/contracts';
import type { SessionPrincipal } from './session-user';

/**
 * The session travels in the cookie itself, signed with HMAC-SHA256, so that any number of stateless
 * backend instances sharing the key accept it without a session store:
 * `base64url(JSON claims) "." base64url(HMAC(key, "v1." + claims))`. The claims are not secret
 * (ids, role, name, times); they only must not be forged or altered.
 */

export interface SessionClaims {
  user: SessionPrincipal;
  /** When the user signed in (seconds since the epoch); a session never outlives `since + MAX_AGE`. */
  since: number;
  /** The member's session version at sign-in; the session ends once the member's version moves on. */
  version: number;
  /** When this cookie was issued. */
  issuedAt: number;
  expiresAt: number;
}

export const SESSION_TIMES = {
  /** Idle limit: each use pushes the expiry this far ahead (sliding). */
  idleSeconds: 12 * 60 * 60,
  /** The cookie is re-issued at most this often, not on every request. */
  refreshAfterSeconds: 5 * 60,
  /** Signed in for a week at most, however active. */
  absoluteSeconds: 7 * 24 * 60 * 60,
} as const;

const VERSION = 'v1';
const MEMBER_ROLE_NAMES: ReadonlySet<string> = new Set(MEMBER_ROLES);

interface WireClaims {
  uid: string;
  /** The member's account; null for a platform operator, who has none. */
  aid: string | null;
  role: string;
  email: string;
  name: string;
  since: number;
  ver: number;
  iat: number;
  exp: number;
}

export class SessionCodec {
  /** `keys[0]` signs; every key verifies (rotation: put the new key first, drop the old one after a day). */
  constructor(private readonly keys: Buffer[]) {
    if (keys.length === 0 || keys.some((key) => key.length < 32))
      throw new Error('Session keys must be at least 32 bytes');
  }

  issue(user: SessionPrincipal, now: number, version: number, since = now): { value: string; claims: SessionClaims } {
    const expiresAt = Math.min(now + SESSION_TIMES.idleSeconds, since + SESSION_TIMES.absoluteSeconds);
    const wire: WireClaims = {
      uid: user.userId,
      aid: user.role === OPERATOR_ROLE ? null : user.accountId,
      role: user.role,
      email: user.email,
      name: user.displayName,
      since,
      ver: version,
      iat: now,
      exp: expiresAt,
    };
    const body = Buffer.from(JSON.stringify(wire)).toString('base64url');
    return {
      value: `${body}.${this.sign(this.keys[0]!, body)}`,
      claims: { user, since, version, issuedAt: now, expiresAt },
    };
  }

  /** The claims of a genuine, unexpired cookie; null for anything else (absent, altered, expired, old key). */
  read(value: string | undefined, now: number): SessionClaims | null {
    if (!value || value.length > 4096) return null;
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    const body = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), 'base64url');
    const genuine = this.keys.some((key) => {
      const expected = Buffer.from(this.sign(key, body), 'base64url');
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    });
    if (!genuine) return null;
    let wire: WireClaims;
    try {
      wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as WireClaims;
    } catch {
      return null;
    }
    if (typeof wire.uid !== 'string' || !Number.isSafeInteger(wire.ver)) return null;
    if (!(now < wire.exp) || wire.since + SESSION_TIMES.absoluteSeconds <= now) return null;
    const user = principalOf(wire);
    return user && { user, since: wire.since, version: wire.ver, issuedAt: wire.iat, expiresAt: wire.exp };
  }

  /** True when the cookie should be replaced by a fresh one with a later expiry. */
  static dueForRefresh(claims: SessionClaims, now: number): boolean {
    return now - claims.issuedAt >= SESSION_TIMES.refreshAfterSeconds;
  }

  private sign(key: Buffer, body: string): string {
    return createHmac('sha256', key).update(`${VERSION}.${body}`).digest('base64url');
  }
}

/** A member always has an account and an operator never: any other combination is refused. */
function principalOf(wire: WireClaims): SessionPrincipal | null {
  const who = { userId: wire.uid, email: String(wire.email), displayName: String(wire.name) };
  if (wire.role === OPERATOR_ROLE) return wire.aid === null ? { ...who, role: OPERATOR_ROLE } : null;
  if (!MEMBER_ROLE_NAMES.has(wire.role) || typeof wire.aid !== 'string') return null;
  return { ...who, accountId: wire.aid, role: wire.role as (typeof MEMBER_ROLES)[number] };
}
