import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Telnyx refuses to count on clocks closer than this, and so do we. */
export const SIGNATURE_TOLERANCE_SEC = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

type Headers = Record<string, string | string[] | undefined>;

/**
 * Checks Telnyx's Ed25519 webhook signature: `telnyx-signature-ed25519` (base64, 64 bytes) over
 * `${telnyx-timestamp}|${rawBody}`, with the timestamp no more than 300 s from now. The key is parsed
 * once; each check is one signature verification.
 */
export class TelnyxSignatureVerifier {
  private readonly key: KeyObject;

  constructor(
    publicKeyBase64: string,
    private readonly now: () => number = Date.now,
  ) {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    if (raw.length !== 32) throw new Error('The Telnyx webhook public key must be 32 bytes of base64');
    this.key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  }

  check(rawBody: string, headers: Headers): SignatureCheck {
    const signature = single(headers['telnyx-signature-ed25519']);
    const timestamp = single(headers['telnyx-timestamp']);
    if (!signature || !timestamp) return { ok: false, reason: 'missing Telnyx signature headers' };
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed telnyx-timestamp' };
    const skewSec = Math.abs(Math.floor(this.now() / 1000) - Number(timestamp));
    if (skewSec > SIGNATURE_TOLERANCE_SEC)
      return { ok: false, reason: `telnyx-timestamp is ${skewSec} s away from now` };
    const signatureBytes = Buffer.from(signature, 'base64');
    if (signatureBytes.length !== 64) return { ok: false, reason: 'malformed signature' };
    const valid = verify(null, Buffer.from(`${timestamp}|${rawBody}`, 'utf8'), this.key, signatureBytes);
    return valid ? { ok: true } : { ok: false, reason: 'signature does not match' };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
