import type { EventMetadata } from '@curbe-voice/contracts';

/**
 * The event store port: EventStoreDB semantics, implemented by the embedded SQLite adapter and the
 * EventStoreDB adapter. Slices and projections depend on this interface only.
 */

/** Where an event sits in `$all`. SQLite uses its global sequence for both parts. */
export interface AllPosition {
  commit: bigint;
  prepare: bigint;
}

/** A stream's expected state when appending (EventStoreDB's names). Revisions start at 0. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID. Deterministic (UUIDv5) for events derived from outside facts, so redelivery dedupes. */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamName: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  position: AllPosition;
  /** When the store recorded it. */
  recordedAt: Date;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream (pass it as the next expected revision). */
  nextExpectedRevision: number;
  /** Position of the last appended event in `$all`. */
  position: AllPosition;
}

export interface ReadStreamOptions {
  /** Inclusive start; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: the first event returned comes after this position. Default: the beginning. */
  fromPosition?: AllPosition | 'start';
  maxCount?: number;
  filter?: EventFilter;
}

/** System events (types starting with `$`) are never delivered. Prefix lists are OR-ed. */
export interface EventFilter {
  streamNamePrefixes?: string[];
  eventTypePrefixes?: string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: delivery starts after it. Default: the beginning. */
  fromPosition?: AllPosition | 'start';
  filter?: EventFilter;
}

/** Catch-up then live: yields stored events in `$all` order, then new ones as they are appended. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Cheap liveness check for `/health`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when the stream is not in the expected state (and the append is not an idempotent retry). */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or `no_stream`. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Wrong expected version on ${streamName}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export function positionToString(position: AllPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function positionFromString(text: string): AllPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not an $all position: ${text}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

export function comparePositions(a: AllPosition, b: AllPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
