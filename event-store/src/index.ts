export * from './port';
export { DuplicateEventIdError } from './duplicate-event-id-error';
export { matchesFilter } from './event-filter';
export { openSqliteEventStore } from './sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { openEventStoreDb } from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export { openEventStore } from './open-event-store';
export type { OpenEventStoreOptions } from './open-event-store';
