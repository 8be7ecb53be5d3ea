import { join } from 'node:path';
import { openEventStoreDb } from './eventstoredb/eventstoredb-event-store';
import type { EventStore } from './port';
import { openSqliteEventStore } from './sqlite/sqlite-event-store';

export interface OpenEventStoreOptions {
  /** EventStoreDB / KurrentDB connection string; when absent the embedded SQLite store is used. */
  connectionString?: string;
  /** Directory of the embedded store's file, `events.sqlite`. */
  dataDir: string;
}

export function openEventStore(options: OpenEventStoreOptions): EventStore {
  if (options.connectionString) return openEventStoreDb({ connectionString: options.connectionString });
  if (typeof options.dataDir !== 'string' || options.dataDir.length === 0) {
    throw new TypeError('openEventStore needs a dataDir when no connectionString is given');
  }
  return openSqliteEventStore({ filePath: join(options.dataDir, 'events.sqlite') });
}
