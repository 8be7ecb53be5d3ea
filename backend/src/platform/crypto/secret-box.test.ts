import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from './secret-box';
import { loadOrCreateEmbeddedKeys, parseSecretKeys, resolveSecretKeys } from './secret-keys';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('secret box', () => {
  it('seals to base64 parts that reveal nothing and opens back to the plaintext', () => {
    const box = createSecretBox([key('k1')]);
    const sealed = box.seal('sip-password-123');
    expect(sealed.keyId).toBe('k1');
    expect(JSON.stringify(sealed)).not.toContain('sip-password-123');
    expect(box.open(sealed)).toBe('sip-password-123');
    expect(box.seal('sip-password-123').ciphertext).not.toBe(sealed.ciphertext); // fresh IV each time
  });

  it('refuses a tampered ciphertext, tag, or relabelled key id', () => {
    const k1 = key('k1');
    const box = createSecretBox([k1, { id: 'k2', key: k1.key }]);
    const sealed = box.seal('secret');
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped.toString('base64') })).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, tag: Buffer.alloc(16).toString('base64') })).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, keyId: 'k2' })).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, keyId: 'unknown' })).toThrow(/Unknown secret key id/);
  });

  it('rotates: a new current key still opens old secrets and reseal moves them to the new key', () => {
    const old = key('old');
    const sealedOld = createSecretBox([old]).seal('secret');
    const rotated = createSecretBox([key('new'), old]);
    expect(rotated.open(sealedOld)).toBe('secret');
    const resealed = rotated.reseal(sealedOld);
    expect(resealed.keyId).toBe('new');
    expect(rotated.open(resealed)).toBe('secret');
    expect(rotated.reseal(resealed)).toBe(resealed);
  });
});

describe('secret keys from configuration', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('parses SECRET_KEYS with the first key current', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const keys = parseSecretKeys(`kid1:${a}, kid2:${b}`);
    expect(keys.map((k) => k.id)).toEqual(['kid1', 'kid2']);
    expect(createSecretBox(keys).currentKeyId).toBe('kid1');
  });

  it('rejects malformed SECRET_KEYS clearly', () => {
    expect(() => parseSecretKeys('nokey')).toThrow(/keyId:base64key/);
    expect(() => parseSecretKeys(`k:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseSecretKeys(' , ')).toThrow(/empty/);
  });

  it('generates an embedded key once, owner-only, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curbe-keys-'));
    dirs.push(dir);
    const first = loadOrCreateEmbeddedKeys(join(dir, 'data'));
    const sealed = createSecretBox(first).seal('kept');
    expect(statSync(join(dir, 'data', 'secret-keys.json')).mode & 0o777).toBe(0o600);
    const second = resolveSecretKeys({ dataDir: join(dir, 'data') });
    expect(second[0]!.id).toBe(first[0]!.id);
    expect(createSecretBox(second).open(sealed)).toBe('kept');
  });
});
