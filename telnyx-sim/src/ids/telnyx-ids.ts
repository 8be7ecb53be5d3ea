/** Identifiers shaped like the ones Telnyx issues, so clients that parse or store them see real formats. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** UUID v4 (accounts, telephony credentials, number orders). */
export function newUuid(): string {
  return randomUUID();
}

/**
 * Numeric string id as Telnyx uses for connections, applications, outbound voice profiles and phone
 * numbers: 19 digits starting with 1, so it fits a signed 64-bit integer.
 */
export function newNumericId(): string {
  let digits = '1';
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return digits;
}

/** Telnyx v2 API key: `KEY` + 32 upper-case hex characters + `_` + 22 URL-safe random characters. */
export function newApiKey(): string {
  return `KEY${randomBytes(16).toString('hex').toUpperCase()}_${randomBytes(24).toString('base64url').slice(0, 22)}`;
}

/** Telephony credential SIP user name: `gencred` + 22 letters/digits, as Telnyx generates them. */
export function newSipUsername(): string {
  return `gencred${randomAlphanumeric(22)}`;
}

/** Telephony credential SIP password: 32 lower-case hex characters. */
export function newSipPassword(): string {
  return randomBytes(16).toString('hex');
}

export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(0, alphabet.length)];
  return out;
}
