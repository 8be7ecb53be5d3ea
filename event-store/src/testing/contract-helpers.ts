import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@curbe-voice/contracts';
import type { AllPosition, AllSubscription, EventStore, NewEvent, RecordedEvent } from '../port';

/** Test-only helpers shared by the contract suite and the adapter-specific tests. */

/** A short random tag; streams and types are named after it so tests can share one real server. */
export function uniqueTag(): string {
  return `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function metadataFor(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    correlationId: randomUUID(),
    causationId: null,
    actor: 'system',
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(type: string, data: unknown = {}, metadata: Partial<EventMetadata> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: metadataFor(metadata) };
}

/**
 * Appends one event to a stream of its own and returns its position: reading or subscribing from it
 * (exclusive) sees exactly what the test appends afterwards, even on a server full of other data.
 */
export async function markPosition(store: EventStore): Promise<AllPosition> {
  const tag = uniqueTag();
  const result = await store.appendToStream(`marker-${tag}`, [newEvent(`${tag}.Marker`)], {
    expectedRevision: 'no_stream',
  });
  return result.position;
}

/** The next `count` events of a subscription, in order. */
export async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`Subscription ended after ${events.length} of ${count} events`);
    events.push(next.value);
  }
  return events;
}

export function iterate(subscription: AllSubscription): AsyncIterator<RecordedEvent> {
  return subscription[Symbol.asyncIterator]();
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}
