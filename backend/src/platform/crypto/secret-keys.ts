import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKeyFile } from './key-file';
import { SecretBoxError, type SecretKey } from './secret-box';

/** Parses `SECRET_KEYS`: `kid1:base64-32-bytes,kid2:...`; the first key is the current one. */
export function parseSecretKeys(text: string): SecretKey[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new SecretBoxError('SECRET_KEYS entries must look like keyId:base64key');
      const id = part.slice(0, colon);
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (key.length !== 32)
        throw new SecretBoxError(`SECRET_KEYS key ${id} must decode to 32 bytes, got ${key.length}`);
      return { id, key };
    });
  if (keys.length === 0) throw new SecretBoxError('SECRET_KEYS is empty');
  return keys;
}

const KEY_FILE = 'secret-keys.json';

/**
 * Embedded mode without `SECRET_KEYS`: one key generated on first start and kept beside the data
 * (readable by the owner only) so that sealed secrets survive restarts.
 */
export function loadOrCreateEmbeddedKeys(dataDir: string): SecretKey[] {
  const file = join(dataDir, KEY_FILE);
  const generate = () =>
    JSON.stringify({ keys: [{ id: `k${Date.now().toString(36)}`, key: randomBytes(32).toString('base64') }] }, null, 2);
  const parsed = JSON.parse(readOrCreateKeyFile(file, generate)) as { keys?: { id: string; key: string }[] };
  if (!parsed.keys?.length) throw new SecretBoxError(`${file} holds no keys`);
  return parseSecretKeys(parsed.keys.map((k) => `${k.id}:${k.key}`).join(','));
}

/** Keys from configuration when given, else the embedded key file. */
export function resolveSecretKeys(options: { secretKeys?: string | undefined; dataDir: string }): SecretKey[] {
  return options.secretKeys ? parseSecretKeys(options.secretKeys) : loadOrCreateEmbeddedKeys(options.dataDir);
}
