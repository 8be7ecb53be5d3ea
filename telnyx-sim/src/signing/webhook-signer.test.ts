import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyTelnyxSignature, WebhookSigner } from './webhook-signer';

// The SDK's verifier is what customers run; it must accept what the simulator signs.
const require = createRequire(import.meta.url);
const { TelnyxWebhook } = require('telnyx/lib/webhooks') as {
  TelnyxWebhook: new (key: string) => { verify(payload: string, headers: Record<string, string>): Promise<void> };
};

const body = 'AccountSid=acc&CallSid=v3%3Aabc&CallStatus=ringing';

describe('WebhookSigner', () => {
  it('publishes a 32-byte raw Ed25519 public key', () => {
    expect(Buffer.from(WebhookSigner.generate().publicKeyBase64, 'base64')).toHaveLength(32);
  });

  it('signs `${timestamp}|${body}` so that the telnyx SDK verifier accepts it', async () => {
    const signer = WebhookSigner.generate();
    const headers = signer.sign(body);
    expect(headers['telnyx-timestamp']).toMatch(/^\d+$/);
    await expect(new TelnyxWebhook(signer.publicKeyBase64).verify(body, { ...headers })).resolves.toBeUndefined();
  });

  it('is rejected by the SDK verifier when the body or the key differ', async () => {
    const signer = WebhookSigner.generate();
    const headers = { ...signer.sign(body) };
    await expect(new TelnyxWebhook(signer.publicKeyBase64).verify(body + '&x=1', headers)).rejects.toThrow();
    await expect(new TelnyxWebhook(WebhookSigner.generate().publicKeyBase64).verify(body, headers)).rejects.toThrow();
  });

  it('keeps its public key when rebuilt from the same private key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(WebhookSigner.fromPrivateKeyPem(pem).publicKeyBase64).toBe(
      WebhookSigner.fromPrivateKeyPem(pem).publicKeyBase64,
    );
  });
});

describe('verifyTelnyxSignature', () => {
  const signer = WebhookSigner.generate();
  const now = Math.floor(Date.now() / 1000);

  it('accepts a fresh signature, with headers in any letter case', () => {
    const h = signer.sign(body);
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body, h)).toBe(true);
    expect(
      verifyTelnyxSignature(signer.publicKeyBase64, body, {
        'Telnyx-Signature-Ed25519': h['telnyx-signature-ed25519'],
        'Telnyx-Timestamp': h['telnyx-timestamp'],
      }),
    ).toBe(true);
  });

  it('rejects a tampered body, a foreign key, missing headers and stale timestamps', () => {
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body + 'x', signer.sign(body))).toBe(false);
    expect(verifyTelnyxSignature(WebhookSigner.generate().publicKeyBase64, body, signer.sign(body))).toBe(false);
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body, {})).toBe(false);
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body, signer.sign(body, now - 301))).toBe(false);
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body, signer.sign(body, now - 100))).toBe(true);
    expect(verifyTelnyxSignature(signer.publicKeyBase64, body, signer.sign(body, now - 100), 60)).toBe(false);
    expect(verifyTelnyxSignature('not-a-key', body, signer.sign(body))).toBe(false);
  });
});
