import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateKeyFile } from '../crypto/key-file';

const SECRET_FILE = 'session-secret';

/**
 * The keys that sign session cookies. `SESSION_SECRET` is a comma-separated list (the first signs,
 * all verify, for rotation). Without it — embedded mode — one secret is generated on first start and
 * kept in the data directory (owner-readable only), so sessions survive restarts. Several instances
 * must share one `SESSION_SECRET`.
 */
export function resolveSessionKeys(options: { sessionSecret?: string | undefined; dataDir: string }): Buffer[] {
  const text = options.sessionSecret ?? loadOrCreateEmbeddedSecret(options.dataDir);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => Buffer.from(part, 'utf8'));
}

function loadOrCreateEmbeddedSecret(dataDir: string): string {
  return readOrCreateKeyFile(join(dataDir, SECRET_FILE), () => `${randomBytes(32).toString('base64')}\n`).trim();
}
