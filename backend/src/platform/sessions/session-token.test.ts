import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SESSION_TIMES, SessionCodec } from './session-token';
import type { SessionOperator, SessionUser } from './session-user';

const ana: SessionUser = { userId: 'u1', accountId: 'a1', role: 'agent', email: 'ana@x.test', displayName: 'Ana' };
const olive: SessionOperator = { userId: 'op1', role: 'operator', email: 'ops@x.test', displayName: 'Olive' };
const NOW = 1_700_000_000;

describe('session cookies', () => {
  const key = randomBytes(32);
  const codec = new SessionCodec([key]);

  it('reads back what it issued until the idle expiry', () => {
    const { value, claims } = codec.issue(ana, NOW, 3);
    expect(claims.expiresAt).toBe(NOW + SESSION_TIMES.idleSeconds);
    expect(codec.read(value, NOW + 60)).toMatchObject({ user: ana, version: 3 });
    expect(codec.read(value, NOW + SESSION_TIMES.idleSeconds)).toBeNull();
  });

  it('refuses an altered payload, a foreign key, and garbage', () => {
    const { value } = codec.issue(ana, NOW, 3);
    const [body, signature] = value.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'auditor' })).toString('base64url');
    expect(codec.read(`${forged}.${signature}`, NOW)).toBeNull();
    expect(new SessionCodec([randomBytes(32)]).read(value, NOW)).toBeNull();
    for (const junk of ['', 'abc', '.', 'a.b', `${body}.`]) expect(codec.read(junk, NOW)).toBeNull();
  });

  it('keeps accepting cookies of a key that was rotated out of first place', () => {
    const { value } = codec.issue(ana, NOW, 3);
    expect(new SessionCodec([randomBytes(32), key]).read(value, NOW)?.user.userId).toBe('u1');
  });

  it('slides the expiry on refresh but never past a week after sign-in', () => {
    const first = codec.issue(ana, NOW, 3).claims;
    expect(SessionCodec.dueForRefresh(first, NOW + 60)).toBe(false);
    expect(SessionCodec.dueForRefresh(first, NOW + SESSION_TIMES.refreshAfterSeconds)).toBe(true);
    const late = NOW + SESSION_TIMES.absoluteSeconds - 3600;
    const refreshed = codec.issue(ana, late, first.version, first.since);
    expect(refreshed.claims.expiresAt).toBe(NOW + SESSION_TIMES.absoluteSeconds);
    expect(codec.read(refreshed.value, NOW + SESSION_TIMES.absoluteSeconds)).toBeNull();
  });

  it('carries a platform operator with no account, and refuses an operator with one or a member without', () => {
    const { value } = codec.issue(olive, NOW, 0);
    const read = codec.read(value, NOW);
    expect(read?.user).toEqual(olive);
    expect(read?.user).not.toHaveProperty('accountId');
    const sign = (claims: Record<string, unknown>) => {
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      const signature = createHmac('sha256', key).update(`v1.${body}`).digest('base64url');
      return `${body}.${signature}`;
    };
    const wire = { uid: 'x', email: 'x@x.test', name: 'X', since: NOW, ver: 0, iat: NOW, exp: NOW + 60 };
    expect(codec.read(sign({ ...wire, role: 'operator', aid: null }), NOW)?.user.role).toBe('operator');
    expect(codec.read(sign({ ...wire, role: 'operator', aid: 'a1' }), NOW)).toBeNull();
    expect(codec.read(sign({ ...wire, role: 'admin', aid: null }), NOW)).toBeNull();
    expect(codec.read(sign({ ...wire, role: 'owner', aid: 'a1' }), NOW)).toBeNull();
  });
});
