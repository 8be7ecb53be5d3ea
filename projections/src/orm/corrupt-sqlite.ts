import { existsSync, renameSync } from 'node:fs';
import type { ProjectionLogger } from '../runner/logger';

/** better-sqlite3's codes for a file that is not (or no longer) a readable SQLite database. */
const UNREADABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function isUnreadableSqlite(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (UNREADABLE.has((cause as { code?: string }).code ?? '')) return true;
  }
  return false;
}

/**
 * Moves an unreadable read-model file (and its WAL and shared-memory files) aside as
 * `<file>.corrupt-<time>`, kept for inspection; the read models are then rebuilt from the event store.
 */
export function moveCorruptSqliteAside(file: string, error: unknown, logger: ProjectionLogger): string {
  const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  logger.error(
    { err: error, file, movedTo },
    `The read-model database ${file} cannot be opened: moved it to ${movedTo}; the read models are rebuilt from the event store`,
  );
  return movedTo;
}
