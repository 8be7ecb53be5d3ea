import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging/create-logger';

/** Owner only: the data directory holds the event store, the read models, keys and recordings. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Key-file drafts (`.<name>.<uuid>.tmp`, see key-file.ts) and recording drafts (`*.partial`). */
const KEY_FILE_DRAFT = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
const RECORDING_DRAFT = /\.[0-9a-f]{12}\.partial$/;
/** Replicas share the recordings volume: a younger draft may be another process's copy in flight. */
const STALE_DRAFT_MS = 60 * 60 * 1000;

/**
 * Creates `dataDir` (0700) when missing and makes everything in it private to the owner: folders 0700,
 * files 0600 (e.g. files restored from a backup, or made by an older version). Drafts a killed process
 * left behind (older than an hour) are deleted: a draft is never read, only renamed into place.
 * Key files and recordings live here even when the stores are external.
 */
export function preparePrivateDataDir(dataDir: string, logger?: Pick<Logger, 'warn'>): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  const removed: string[] = [];
  tighten(dataDir, removed);
  if (removed.length > 0) logger?.warn({ drafts: removed }, 'Removed drafts an interrupted process left in DATA_DIR');
}

function tighten(dir: string, removed: string[]): void {
  chmodSync(dir, PRIVATE_DIR);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path, removed);
    else if (!entry.isFile()) continue;
    else if (isStaleDraft(entry.name, path)) {
      rmSync(path, { force: true });
      removed.push(path);
    } else chmodSync(path, PRIVATE_FILE);
  }
}

function isStaleDraft(name: string, path: string): boolean {
  if (!KEY_FILE_DRAFT.test(name) && !RECORDING_DRAFT.test(name)) return false;
  return Date.now() - statSync(path).mtimeMs > STALE_DRAFT_MS;
}
