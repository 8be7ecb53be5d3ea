import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One table holds every event. `position` is the global sequence (the rowid, so `$all` order is the
 * primary key order); `event_id` is unique store-wide so a retried append can be recognised and no
 * event is ever stored twice; `(stream_name, revision)` is unique and indexes stream reads.
 */
const SCHEMA_VERSION = 1;

const CREATE_EVENTS = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    event_id    TEXT    NOT NULL UNIQUE,
    stream_name TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_name, revision)
  ) STRICT`;

export function openEventDatabase(filePath: string): Database.Database {
  mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a process crash; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${filePath} has event store schema ${version}; this build understands up to ${SCHEMA_VERSION}`);
    }
    if (version < SCHEMA_VERSION) {
      db.transaction(() => {
        db.exec(CREATE_EVENTS);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
