import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as DbWrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { JSONType, ReadPosition } from '@eventstore/db-client';
import { assertMaxCount, assertStreamName, serializeAppend } from '../append-input';
import { assertFilter, matchesFilter } from '../event-filter';
import { WrongExpectedVersionError, comparePositions } from '../port';
import type {
  AllPosition,
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import type { EventStoreDbClient } from './eventstoredb-client';
import { serverFilter, toDbExpectedRevision, toRecordedEvent } from './eventstoredb-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { ResumingSubscription } from './resuming-subscription';
import { DEFAULT_OPERATION_RETRY, DEFAULT_SUBSCRIPTION_RETRY, withRetry, type RetryPolicy } from './retry-policy';
import { isResumableStreamError, isTransientServerError } from './server-errors';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (KurrentDB servers speak the same protocol). */
  connectionString: string;
  /** Retries of reads and appends on transient server errors (unavailable, deadline, not leader). */
  retry?: Partial<RetryPolicy>;
  /** Resumptions of a subscription whose server stream failed, counted since its last delivered event. */
  subscriptionRetry?: Partial<RetryPolicy>;
  /** Told about every retry and resumption (e.g. to log them). */
  onRetry?: (info: { operation: string; error: unknown; retry: number; delayMs: number }) => void;
}

export type EventStoreDbResilienceOptions = Omit<EventStoreDbOptions, 'connectionString'>;

/**
 * Event store port on EventStoreDB / KurrentDB through the official gRPC client. The server provides
 * optimistic concurrency and idempotent retries; this adapter maps names, positions and errors, hides
 * system events (`$` types) and makes `readAll`'s start position exclusive like the subscriptions'.
 */
export function openEventStoreDb(options: EventStoreDbOptions): EventStore {
  if (typeof options?.connectionString !== 'string' || options.connectionString.length === 0) {
    throw new TypeError('openEventStoreDb needs a connectionString');
  }
  return createEventStoreDbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
}

/** The adapter on any client with the official client's shape (tests put a fault-injecting one in between). */
export function createEventStoreDbEventStore(
  client: EventStoreDbClient,
  options: EventStoreDbResilienceOptions = {},
): EventStore {
  return new EventStoreDbEventStore(client, options);
}

const READ_ALL_PAGE = 500;

class EventStoreDbEventStore implements EventStore {
  readonly #subscriptions = new Set<AllSubscription>();
  readonly #operationRetry: RetryPolicy;
  readonly #subscriptionRetry: RetryPolicy;
  #closed = false;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly options: EventStoreDbResilienceOptions,
  ) {
    this.#operationRetry = { ...DEFAULT_OPERATION_RETRY, ...options.retry };
    this.#subscriptionRetry = { ...DEFAULT_SUBSCRIPTION_RETRY, ...options.subscriptionRetry };
  }

  /** Retries `operation` on transient server errors while the store is open. */
  #retrying<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return withRetry(run, {
      policy: this.#operationRetry,
      isRetryable: (error) => !this.#closed && isTransientServerError(error),
      onRetry: (info) => this.options.onRetry?.({ operation, ...info }),
    });
  }

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision;
    const serialized = serializeAppend(streamName, events, expected);
    this.#assertOpen();
    const data = events.map((event, index) =>
      jsonEvent({
        id: serialized[index]!.id,
        type: event.type,
        data: event.data as JSONType,
        metadata: event.metadata,
      }),
    );
    try {
      // A retry after a lost answer re-sends the same event ids: the server recognises them and answers
      // as for the first attempt instead of appending twice.
      const result = await this.#retrying('append', () =>
        this.client.appendToStream(streamName, data, { expectedRevision: toDbExpectedRevision(expected) }),
      );
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      const position = result.position ?? (await this.#positionOf(streamName, nextExpectedRevision));
      return { nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      if (error instanceof DbWrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedVersionError(
          streamName,
          expected,
          typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream',
        );
      }
      throw error;
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    assertMaxCount(options.maxCount);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') {
      throw new TypeError(`direction must be "forwards" or "backwards"; got ${String(direction)}`);
    }
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (from !== 'start' && from !== 'end' && !(Number.isSafeInteger(from) && from >= 0)) {
      throw new TypeError(`fromRevision must be "start", "end" or a revision >= 0; got ${String(from)}`);
    }
    this.#assertOpen();
    if (options.maxCount === 0) return [];
    return this.#retrying('readStream', async () => {
      const events: RecordedEvent[] = [];
      try {
        const read = this.client.readStream(streamName, {
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        });
        for await (const resolved of read) {
          const event = toRecordedEvent(resolved);
          if (event) events.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertMaxCount(options.maxCount);
    assertFilter(options.filter);
    this.#assertOpen();
    return this.#retrying('readAll', () => this.#readAllOnce(options));
  }

  async #readAllOnce(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    // The server reads $all from a position inclusively; the port's position is exclusive.
    let exclude = options.fromPosition === 'start' ? undefined : options.fromPosition;
    let from: ReadPosition = exclude ?? START;
    while (events.length < wanted) {
      let read = 0;
      let last: AllPosition | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: READ_ALL_PAGE })) {
        read += 1;
        if (resolved.event) last = resolved.event.position;
        const event = toRecordedEvent(resolved);
        if (!event) continue;
        if (exclude && comparePositions(event.position, exclude) <= 0) continue;
        if (!matchesFilter(options.filter, event.streamName, event.type)) continue;
        events.push(event);
        if (events.length >= wanted) break;
      }
      if (read < READ_ALL_PAGE || !last) break;
      from = last;
      exclude = last;
    }
    return events;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    assertFilter(options.filter);
    this.#assertOpen();
    const open = (from: AllPosition | 'start') =>
      new EventStoreDbSubscription(
        this.client.subscribeToAll({
          fromPosition: from === 'start' ? START : from,
          filter: serverFilter(options.filter),
        }),
        options.filter,
      );
    const subscription = new ResumingSubscription({
      open,
      from: options.fromPosition ?? 'start',
      policy: this.#subscriptionRetry,
      isResumable: (error) => !this.#closed && isResumableStreamError(error),
      onResume: ({ error, retry, delayMs }) =>
        this.options.onRetry?.({ operation: 'subscribeToAll', error, retry, delayMs }),
      onEnd: () => this.#subscriptions.delete(subscription),
    });
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    await this.#retrying('ping', async () => {
      for await (const _ of this.client.readAll({ fromPosition: START, maxCount: 1 })) break;
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
  }

  async #positionOf(streamName: string, revision: number): Promise<AllPosition> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`Appended event ${streamName}@${revision} could not be read back`);
    return event.position;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The event store is closed');
  }
}
