import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': if another process created it meanwhile, theirs is read below.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
