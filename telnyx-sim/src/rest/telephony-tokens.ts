/**
 * Telephony credential access tokens: HS512 JWTs like Telnyx's (aud/iss "telnyx_telephony", sub = the
 * credential id, typ "access", 28-day lifetime). The signing secret never leaves this process; the
 * simulator's WebRTC side checks logins with `verifyTelephonyToken`.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { newUuid } from '../ids/telnyx-ids';

const AUDIENCE = 'telnyx_telephony';
const ISSUER = 'telnyx_telephony';
const LIFETIME_SECONDS = 28 * 24 * 60 * 60;
let secret = randomBytes(64);

/** The HMAC secret tokens are signed with, so a simulator that keeps its state can keep verifying them. */
export function telephonyTokenSecret(): Buffer {
  return Buffer.from(secret);
}

/** Signs and verifies with `value` from now on (a restarted simulator restoring its saved secret). */
export function useTelephonyTokenSecret(value: Uint8Array): void {
  if (value.length < 64) throw new Error('the telephony token secret must be at least 64 bytes');
  secret = Buffer.from(value);
}

export interface TelephonyTokenClaims {
  /** The telephony credential the token logs in as. */
  credentialId: string;
  issuedAt: number;
  expiresAt: number;
  jti: string;
}

export async function issueTelephonyToken(credentialId: string, now = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ typ: 'access', tel_token: randomBytes(96).toString('base64url') })
    .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setSubject(credentialId)
    .setJti(newUuid())
    .setIssuedAt(now)
    .setNotBefore(now - 1)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(secret);
}

/** The token's claims when it was issued by this simulator and is currently valid; rejects otherwise. */
export async function verifyTelephonyToken(token: string): Promise<TelephonyTokenClaims> {
  const { payload } = await jwtVerify(token, secret, { algorithms: ['HS512'], audience: AUDIENCE, issuer: ISSUER });
  if (payload['typ'] !== 'access' || !payload.sub || !payload.exp || !payload.iat || !payload.jti) {
    throw new Error('not a telephony access token');
  }
  return { credentialId: payload.sub, issuedAt: payload.iat, expiresAt: payload.exp, jti: payload.jti };
}
