import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Owner read/write only: a key file must not be readable by other users of the machine. */
const OWNER_ONLY = 0o600;

/**
 * The contents of the key file at `path`, created with `generate()` on first use (parent folders
 * included). Race-safe when several processes start at once: the new contents are written in full to a
 * private temporary file (`wx`, owner-only) that is then hard-linked into place, which fails if
 * another process got there first — then theirs is read. So no one ever reads a half-written key.
 */
export function readOrCreateKeyFile(path: string, generate: () => string): string {
  if (!existsSync(path)) createOnce(path, generate());
  // An existing file is tightened too (e.g. one restored from a backup with looser permissions).
  chmodSync(path, OWNER_ONLY);
  return readFileSync(path, 'utf8');
}

function createOnce(path: string, contents: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const draft = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  writeFileSync(draft, contents, { mode: OWNER_ONLY, flag: 'wx', flush: true });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
