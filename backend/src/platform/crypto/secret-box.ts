import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@curbe-voice/contracts';

/** A 32-byte AES key and the id stored next to every ciphertext it produced. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * AES-256-GCM with key ids. The first key seals; every listed key can open, so a key can be retired
 * only after everything sealed with it has been resealed.
 */
export interface SecretBox {
  readonly currentKeyId: string;
  seal(plaintext: string): SealedSecret;
  open(sealed: SealedSecret): string;
  /** The same secret sealed under the current key (returned unchanged when it already is). */
  reseal(sealed: SealedSecret): SealedSecret;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createSecretBox(keys: SecretKey[]): SecretBox {
  const current = keys[0];
  if (!current) throw new SecretBoxError('At least one secret key is required');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new SecretBoxError(`Secret key ${id} must be 32 bytes, got ${key.length}`);
    if (byId.has(id)) throw new SecretBoxError(`Secret key id ${id} is listed twice`);
    byId.set(id, key);
  }

  const seal = (plaintext: string): SealedSecret => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    // The key id is authenticated too, so a ciphertext cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(current.id, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: current.id,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  };

  const open = (sealed: SealedSecret): string => {
    const key = byId.get(sealed.keyId);
    if (!key) throw new SecretBoxError(`Unknown secret key id ${sealed.keyId}`);
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('Malformed sealed secret');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(sealed.keyId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretBoxError('Sealed secret failed authentication (tampered or wrong key)');
    }
  };

  return {
    currentKeyId: current.id,
    seal,
    open,
    reseal: (sealed) => (sealed.keyId === current.id ? sealed : seal(open(sealed))),
  };
}
