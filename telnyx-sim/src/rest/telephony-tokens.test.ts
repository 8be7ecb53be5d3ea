import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueTelephonyToken, verifyTelephonyToken } from './telephony-tokens';

describe('telephony access tokens', () => {
  it('verifies a token it issued and reports its credential and expiry', async () => {
    const token = await issueTelephonyToken('c215ade3-0d39-418e-94be-c5f780760199');
    const claims = await verifyTelephonyToken(token);
    expect(claims.credentialId).toBe('c215ade3-0d39-418e-94be-c5f780760199');
    expect(claims.expiresAt).toBe(decodeJwt(token).exp);
  });

  it('rejects an expired token', async () => {
    const longAgo = Math.floor(Date.now() / 1000) - 29 * 24 * 3600;
    await expect(verifyTelephonyToken(await issueTelephonyToken('cred', longAgo))).rejects.toThrow();
  });

  it('rejects a token signed with another secret, or tampered with', async () => {
    const forged = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS512' })
      .setAudience('telnyx_telephony')
      .setIssuer('telnyx_telephony')
      .setSubject('cred')
      .setJti('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a guessed secret that is long enough for HS512 at least'));
    await expect(verifyTelephonyToken(forged)).rejects.toThrow();

    const [header, , signature] = (await issueTelephonyToken('cred')).split('.');
    const otherPayload = (await issueTelephonyToken('someone-else')).split('.')[1];
    await expect(verifyTelephonyToken(`${header}.${otherPayload}.${signature}`)).rejects.toThrow();
    await expect(verifyTelephonyToken('not-a-jwt')).rejects.toThrow();
  });
});
