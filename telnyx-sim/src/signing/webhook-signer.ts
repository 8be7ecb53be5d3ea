import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Telnyx signs every webhook with the account's Ed25519 key: the signature covers
 * `${timestamp}|${rawBody}` and travels in `telnyx-signature-ed25519` (base64) with the
 * unix-seconds `telnyx-timestamp`. The public key is published as 32 raw bytes in base64.
 */

export type TelnyxSignatureHeaders = {
  'telnyx-signature-ed25519': string;
  'telnyx-timestamp': string;
};

export class WebhookSigner {
  readonly publicKeyBase64: string;

  private constructor(
    private readonly privateKey: KeyObject,
    publicKey: KeyObject,
  ) {
    this.publicKeyBase64 = rawPublicKeyBase64(publicKey);
  }

  static generate(): WebhookSigner {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new WebhookSigner(privateKey, publicKey);
  }

  /** A signer with a fixed key (PKCS#8 PEM), so a restarted simulator keeps the public key its users configured. */
  static fromPrivateKeyPem(pem: string): WebhookSigner {
    const privateKey = createPrivateKey(pem);
    return new WebhookSigner(privateKey, createPublicKey(privateKey));
  }

  /** PKCS#8 PEM of the signing key, what `fromPrivateKeyPem` takes back. */
  privateKeyPem(): string {
    return this.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  sign(rawBody: string, timestamp: number = Math.floor(Date.now() / 1000)): TelnyxSignatureHeaders {
    const ts = String(Math.floor(timestamp));
    const signature = sign(null, Buffer.from(`${ts}|${rawBody}`, 'utf8'), this.privateKey);
    return { 'telnyx-signature-ed25519': signature.toString('base64'), 'telnyx-timestamp': ts };
  }
}

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * True when `headers` carry a valid Telnyx signature of `rawBody` made with the key whose raw
 * public half is `publicKeyBase64`, and the timestamp is within `toleranceSec` of now.
 */
export function verifyTelnyxSignature(
  publicKeyBase64: string,
  rawBody: string,
  headers: HeaderBag,
  toleranceSec = 300,
): boolean {
  const signature = headerValue(headers, 'telnyx-signature-ed25519');
  const timestamp = headerValue(headers, 'telnyx-timestamp');
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > toleranceSec) return false;
  const signatureBytes = Buffer.from(signature, 'base64');
  if (signatureBytes.length !== 64) return false;
  let key: KeyObject;
  try {
    key = publicKeyFromRawBase64(publicKeyBase64);
  } catch {
    return false;
  }
  return verify(null, Buffer.from(`${timestamp}|${rawBody}`, 'utf8'), key, signatureBytes);
}

function publicKeyFromRawBase64(publicKeyBase64: string): KeyObject {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

function rawPublicKeyBase64(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
