import Database from 'better-sqlite3';
import { assertMaxCount, assertStreamName, satisfiesExpectedRevision, serializeAppend } from '../append-input';
import type { SerializedEvent } from '../append-input';
import { DuplicateEventIdError } from '../duplicate-event-id-error';
import { assertFilter } from '../event-filter';
import { WrongExpectedVersionError } from '../port';
import type {
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { EVENT_COLUMNS, filterCondition, positionToSequence, sequenceToPosition, toRecordedEvent } from './event-rows';
import type { EventRow } from './event-rows';
import { HeadWatcher } from './head-watcher';
import { openEventDatabase } from './schema';
import { SqliteAllSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** The database file; its directory is created if missing. */
  filePath: string;
  /**
   * How often live subscriptions look for appends made by other processes. Default 500 ms. While a
   * subscription waits, this timer keeps the process alive: unsubscribe or close the store to let it exit.
   */
  pollIntervalMs?: number;
}

/**
 * Embedded event store on one SQLite file (WAL). Each append is one IMMEDIATE transaction, so appends
 * from several processes on the same file serialise and `$all` order equals commit order.
 *
 * Event ids are unique across the whole store. Appending ids that are already stored:
 * - as exactly this batch, in this stream, at an expected revision that held when it was first
 *   appended → no-op returning the original result (an idempotent retry), even if the stream moved on;
 * - in any other way (another stream, part of another batch, incompatible expected revision) →
 *   WrongExpectedVersionError if the expected revision does not hold now, else DuplicateEventIdError.
 *   Either way nothing is written.
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  return new SqliteEventStore(options);
}

const NO_LIMIT = -1;

class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #watcher: HeadWatcher;
  readonly #subscriptions = new Set<SqliteAllSubscription>();
  readonly #pageStatements = new Map<string, Database.Statement>();
  readonly #statements;
  readonly #appendInTransaction;

  constructor(options: SqliteEventStoreOptions) {
    if (typeof options?.filePath !== 'string' || options.filePath.length === 0) {
      throw new TypeError('openSqliteEventStore needs a filePath');
    }
    const pollIntervalMs = options.pollIntervalMs ?? 500;
    if (!Number.isFinite(pollIntervalMs) || pollIntervalMs <= 0) {
      throw new TypeError(`pollIntervalMs must be a positive number; got ${String(options.pollIntervalMs)}`);
    }
    this.#db = openEventDatabase(options.filePath);
    const db = this.#db;
    this.#statements = {
      currentRevision: db
        .prepare('SELECT revision FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1')
        .pluck(),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      locateEvent: db.prepare('SELECT stream_name, revision FROM events WHERE event_id = ?'),
      storedIds: db.prepare('SELECT event_id FROM events WHERE event_id = ?').pluck(),
      streamSlice: db.prepare(
        'SELECT event_id, position FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readForwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      readBackwards: db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      head: db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck(),
      ping: db.prepare('SELECT 1').pluck(),
    };
    this.#appendInTransaction = db.transaction(this.#append.bind(this));
    this.#watcher = new HeadWatcher(() => this.#readHead(), pollIntervalMs);
  }

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision;
    const serialized = serializeAppend(streamName, events, expected);
    this.#assertOpen();
    let outcome: { result: AppendResult; written: boolean };
    try {
      // IMMEDIATE takes the write lock up front, so concurrent processes queue instead of deadlocking.
      outcome = this.#appendInTransaction.immediate(streamName, serialized, expected, Date.now());
    } catch (error) {
      if (!isDuplicateEventId(error)) throw error;
      const original = this.#findOriginalAppend(streamName, serialized, expected);
      if (original) return original;
      const stored = serialized.map((event) => event.id).filter((id) => this.#statements.storedIds.get(id));
      throw new DuplicateEventIdError(streamName, stored);
    }
    if (outcome.written) this.#watcher.appended(positionToSequence(outcome.result.position));
    return outcome.result;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') {
      throw new TypeError(`direction must be "forwards" or "backwards"; got ${String(direction)}`);
    }
    assertMaxCount(options.maxCount);
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (from !== 'start' && from !== 'end' && !(Number.isSafeInteger(from) && from >= 0)) {
      throw new TypeError(`fromRevision must be "start", "end" or a revision >= 0; got ${String(from)}`);
    }
    this.#assertOpen();
    const limit = options.maxCount ?? NO_LIMIT;
    if (limit === 0) return [];
    let rows: EventRow[];
    if (direction === 'forwards') {
      if (from === 'end') return [];
      rows = this.#statements.readForwards.all(streamName, from === 'start' ? 0 : from, limit) as EventRow[];
    } else {
      const upTo = from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : from;
      rows = this.#statements.readBackwards.all(streamName, upTo, limit) as EventRow[];
    }
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertMaxCount(options.maxCount);
    assertFilter(options.filter);
    const after = positionToSequence(options.fromPosition);
    this.#assertOpen();
    if (options.maxCount === 0) return [];
    return this.#readPage(after, Number.MAX_SAFE_INTEGER, options.maxCount ?? NO_LIMIT, options.filter);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    assertFilter(options.filter);
    const after = positionToSequence(options.fromPosition);
    this.#assertOpen();
    const source = {
      readHead: () => this.#readHead(),
      readPage: (from: number, upTo: number, limit: number, filter: EventFilter | undefined) =>
        this.#readPage(from, upTo, limit, filter),
    };
    const subscription = new SqliteAllSubscription(source, this.#watcher, after, options.filter, (ended) =>
      this.#subscriptions.delete(ended),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    this.#statements.ping.get();
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.unsubscribe()));
    this.#watcher.close();
    this.#db.close();
  }

  /** Runs inside the append transaction. */
  #append(
    streamName: string,
    events: SerializedEvent[],
    expected: ExpectedRevision,
    recordedAt: number,
  ): { result: AppendResult; written: boolean } {
    const current = this.#statements.currentRevision.get(streamName) as number | undefined;
    if (!satisfiesExpectedRevision(expected, current)) {
      const original = this.#findOriginalAppend(streamName, events, expected);
      if (original) return { result: original, written: false };
      throw new WrongExpectedVersionError(streamName, expected, current ?? 'no_stream');
    }
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.#statements.insert.run(
        event.id,
        streamName,
        revision,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    return { result: { nextExpectedRevision: revision, position: sequenceToPosition(position) }, written: true };
  }

  /** The result of the earlier append these events came from, if this append is a retry of it. */
  #findOriginalAppend(
    streamName: string,
    events: SerializedEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.#statements.locateEvent.get(events[0]!.id) as
      { stream_name: string; revision: number } | undefined;
    if (!first || first.stream_name !== streamName) return undefined;
    const revisionBefore = first.revision === 0 ? undefined : first.revision - 1;
    if (!satisfiesExpectedRevision(expected, revisionBefore)) return undefined;
    const stored = this.#statements.streamSlice.all(streamName, first.revision, events.length) as {
      event_id: string;
      position: number;
    }[];
    if (stored.length !== events.length || stored.some((row, index) => row.event_id !== events[index]!.id)) {
      return undefined;
    }
    return {
      nextExpectedRevision: first.revision + events.length - 1,
      position: sequenceToPosition(stored[stored.length - 1]!.position),
    };
  }

  #readHead(): number {
    return this.#statements.head.get() as number;
  }

  #readPage(after: number, upTo: number, limit: number, filter: EventFilter | undefined): RecordedEvent[] {
    const condition = filterCondition(filter);
    let statement = this.#pageStatements.get(condition.key);
    if (!statement) {
      statement = this.#db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND ${condition.sql} ORDER BY position LIMIT ?`,
      );
      this.#pageStatements.set(condition.key, statement);
    }
    return (statement.all(after, upTo, ...condition.params, limit) as EventRow[]).map(toRecordedEvent);
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error('The event store is closed');
  }
}

function isDuplicateEventId(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.event_id')
  );
}
