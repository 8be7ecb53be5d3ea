import type Telnyx from 'telnyx';
import { callTelnyx } from './telnyx-errors';

export interface TelephonyToken {
  token: string;
  /** From the JWT's `exp`: the web phone refreshes before then. */
  expiresAt: Date;
}

/**
 * Asks Telnyx for a fresh WebRTC login token for one telephony credential. Telnyx answers with the
 * JWT as plain text; only its `exp` is read here (Telnyx checks the signature when the phone logs in).
 */
export async function createTelephonyToken(accountClient: Telnyx, credentialId: string): Promise<TelephonyToken> {
  const token = (await callTelnyx(() => accountClient.telephonyCredentials.createToken(credentialId))).trim();
  return { token, expiresAt: new Date(expiryOf(token) * 1000) };
}

/** The `exp` claim (seconds) of a JWT, without verifying it. */
export function expiryOf(jwt: string): number {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('Telnyx returned a token that is not a JWT');
  const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new Error('Telnyx returned a token without an expiry');
  return exp;
}
