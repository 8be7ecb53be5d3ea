import { afterEach, describe, expect, it } from 'vitest';
import { EventStoreDBClient, UnavailableError, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { markPosition, newEvent, uniqueTag } from '../testing/contract-helpers';
import type { EventStore } from '../port';
import type { EventStoreDbClient, ServerSubscription } from './eventstoredb-client';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

// Runs against a real EventStoreDB / KurrentDB server, e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

/**
 * The real client with failures injected between it and the adapter, as a network or a restarting
 * node would cause them: an append that reached the server but whose answer was lost, and a
 * subscription stream that breaks after a few events.
 */
function faultyClient(real: EventStoreDBClient) {
  const faults = {
    lostAppendAnswers: 0,
    breakSubscriptionAfter: undefined as number | undefined,
    subscriptionsOpened: 0,
  };
  const client: EventStoreDbClient = {
    appendToStream: async (...args: Parameters<EventStoreDBClient['appendToStream']>) => {
      const result = await real.appendToStream(...args);
      if (faults.lostAppendAnswers > 0) {
        faults.lostAppendAnswers -= 1;
        throw new UnavailableError(undefined, 'answer lost on the way back');
      }
      return result;
    },
    readStream: real.readStream.bind(real),
    readAll: real.readAll.bind(real),
    subscribeToAll(...args) {
      faults.subscriptionsOpened += 1;
      const inner = real.subscribeToAll(...args);
      const breakAfter = faults.breakSubscriptionAfter;
      faults.breakSubscriptionAfter = undefined;
      if (breakAfter === undefined) return inner;
      const broken: ServerSubscription = {
        async *[Symbol.asyncIterator]() {
          let delivered = 0;
          for await (const resolved of inner as AsyncIterable<AllStreamResolvedEvent>) {
            if (resolved.event && !resolved.event.type.startsWith('$')) {
              if (delivered === breakAfter) throw new UnavailableError(undefined, 'stream broken by the test');
              delivered += 1;
            }
            yield resolved;
          }
        },
        unsubscribe: () => inner.unsubscribe(),
        destroy: () => inner.destroy(),
      };
      return broken;
    },
    dispose: () => real.dispose(),
  };
  return { client, faults };
}

describe.skipIf(!connectionString)('EventStoreDB adapter resilience (needs EVENTSTORE_CONNECTION_STRING)', () => {
  let store: EventStore;
  afterEach(async () => store.close());

  function open() {
    const { client, faults } = faultyClient(EventStoreDBClient.connectionString(connectionString!));
    store = createEventStoreDbEventStore(client, {
      retry: { initialDelayMs: 10 },
      subscriptionRetry: { initialDelayMs: 10 },
    });
    return faults;
  }

  it('retries an append whose answer was lost without appending twice (same event ids)', async () => {
    const faults = open();
    const tag = uniqueTag();
    const stream = `${tag}-call-1`;
    await store.appendToStream(stream, [newEvent(`${tag}.Started`)], { expectedRevision: 'no_stream' });
    faults.lostAppendAnswers = 1;
    const events = [newEvent(`${tag}.Answered`), newEvent(`${tag}.Ended`)];
    const result = await store.appendToStream(stream, events, { expectedRevision: 0 });

    const stored = await store.readStream(stream);
    expect(stored.map((event) => event.id)).toEqual([stored[0]!.id, ...events.map((event) => event.id)]);
    expect(result.nextExpectedRevision).toBe(2);
    expect(result.position).toEqual(stored[2]!.position);
  });

  it('resumes a broken subscription after the last delivered event: each event once, in order', async () => {
    const faults = open();
    const tag = uniqueTag();
    const from = await markPosition(store);
    const events = Array.from({ length: 5 }, (_, index) => newEvent(`${tag}.Happened`, { index }));
    for (const [index, event] of events.entries()) {
      await store.appendToStream(`${tag}-s`, [event], { expectedRevision: index === 0 ? 'no_stream' : index - 1 });
    }
    faults.breakSubscriptionAfter = 2;
    const subscription = store.subscribeToAll({ fromPosition: from, filter: { eventTypePrefixes: [`${tag}.`] } });
    const seen: string[] = [];
    for await (const event of subscription) {
      seen.push(event.id);
      if (seen.length === events.length) break;
    }
    expect(seen).toEqual(events.map((event) => event.id));
    expect(faults.subscriptionsOpened).toBe(2);
  });
});
