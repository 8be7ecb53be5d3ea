import { serializeAppend } from '../append-input';
import { DuplicateEventIdError } from '../duplicate-event-id-error';
import { WrongExpectedVersionError } from '../port';
import type { AppendOptions, AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../port';
import { computeEventHash, GENESIS_HASH } from './event-hash';

/** How often an `any` / `stream_exists` append re-reads the head after another writer got there first. */
const MAX_HEAD_RACES = 25;
/** How far back an `any` / `stream_exists` append looks for its own ids (an idempotent retry). */
const RETRY_WINDOW = 64;

/**
 * Tamper evidence for any event store: every appended event gets `prevHash` (the hash of the event
 * before it in its stream, zeros for the first) and `hash` (see `computeEventHash`) in its metadata.
 * Editing, removing or reordering a stored event then breaks the chain at that revision.
 *
 * The port's semantics are kept. A numeric or `no_stream` expected revision fixes where the events
 * land, so the chain is computed from the event at that revision and a retry produces the same
 * hashes. `any` and `stream_exists` cannot say where the events land, so the head is read and the
 * append is made at that exact revision, re-reading the head when another writer moved it.
 */
export function withHashChain(store: EventStore): EventStore {
  return new HashChainedEventStore(store);
}

class HashChainedEventStore implements EventStore {
  constructor(private readonly inner: EventStore) {}

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision;
    // Bad input fails exactly as the adapter would fail it, before anything is read or hashed.
    serializeAppend(streamName, events, expected);
    if (expected !== 'any' && expected !== 'stream_exists') {
      const previous = expected === 'no_stream' ? undefined : await this.eventAt(streamName, expected);
      return this.inner.appendToStream(streamName, chain(streamName, events, previous, expected), {
        expectedRevision: expected,
      });
    }
    const wanted = new Set(events.map((event) => event.id.toLowerCase()));
    for (let race = 0; ; race += 1) {
      const recent = await this.inner.readStream(streamName, { direction: 'backwards', maxCount: RETRY_WINDOW });
      const head = recent[0];
      if ((!head && expected === 'stream_exists') || recent.some((event) => wanted.has(event.id))) {
        // The adapter refuses the missing stream as usual, or recognises the retry of an append it
        // already stored (a no-op): either way nothing new is written, so the hashes do not matter.
        return this.inner.appendToStream(
          streamName,
          chain(streamName, events, head, head?.revision ?? 'no_stream'),
          options,
        );
      }
      const at: ExpectedRevision = head ? head.revision : 'no_stream';
      try {
        return await this.inner.appendToStream(streamName, chain(streamName, events, head, at), {
          expectedRevision: at,
        });
      } catch (error) {
        // Ids stored further back than the window: let the adapter judge the retry with the caller's revision.
        if (error instanceof DuplicateEventIdError) {
          return this.inner.appendToStream(streamName, chain(streamName, events, head, at), options);
        }
        if (!(error instanceof WrongExpectedVersionError) || race >= MAX_HEAD_RACES) throw error;
      }
    }
  }

  readStream(...args: Parameters<EventStore['readStream']>): Promise<RecordedEvent[]> {
    return this.inner.readStream(...args);
  }

  readAll(...args: Parameters<EventStore['readAll']>): Promise<RecordedEvent[]> {
    return this.inner.readAll(...args);
  }

  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>) {
    return this.inner.subscribeToAll(...args);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async eventAt(streamName: string, revision: number): Promise<RecordedEvent | undefined> {
    const [event] = await this.inner.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    return event?.revision === revision ? event : undefined;
  }
}

/**
 * The events with their chain fields, as they will be stored after `previous` (the event at
 * `after`). When `previous` is missing although a revision is expected, the adapter is about to
 * refuse the append anyway; the hashes are then never stored.
 */
function chain(
  streamName: string,
  events: NewEvent[],
  previous: RecordedEvent | undefined,
  after: ExpectedRevision,
): NewEvent[] {
  let prevHash = previousHash(previous);
  let revision = typeof after === 'number' ? after : -1;
  return events.map((event) => {
    revision += 1;
    const hash = computeEventHash({
      prevHash,
      streamName,
      revision,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
    const chained: NewEvent = { ...event, metadata: { ...event.metadata, prevHash, hash } };
    prevHash = hash;
    return chained;
  });
}

/** An event stored before the chain existed has no hash; the chain then restarts from genesis. */
function previousHash(previous: RecordedEvent | undefined): string {
  const hash = previous?.metadata['hash'];
  return typeof hash === 'string' ? hash : GENESIS_HASH;
}
