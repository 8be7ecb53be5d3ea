import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@curbe-voice/contracts';
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from '@curbe-voice/event-store';

export function testEvent(type = 'TestHappened', data: unknown = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: 'system',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

let lastPosition = 0n;

/** An event as the store would deliver it to a projector: each one made later sits further along `$all`. */
export function recordedEvent(
  streamName: string,
  type: string,
  data: unknown,
  metadata: Partial<EventMetadata> = {},
): RecordedEvent {
  const event = testEvent(type, data);
  lastPosition += 1n;
  return {
    ...event,
    metadata: { ...event.metadata, ...metadata },
    streamName,
    revision: 0,
    position: { commit: lastPosition, prepare: lastPosition },
    recordedAt: new Date(),
  };
}

/** Appends `count` events to each stream, interleaving streams, one append per event. */
export async function appendEvents(store: EventStore, streams: string[], count: number): Promise<AppendResult> {
  let last: AppendResult | undefined;
  for (let index = 0; index < count; index += 1) {
    for (const stream of streams) {
      last = await store.appendToStream(stream, [testEvent('TestHappened', { index })], { expectedRevision: 'any' });
    }
  }
  if (!last) throw new Error('appendEvents needs at least one stream and one event');
  return last;
}

/** Polls `condition` until it holds; for state reached in the background (never for timing). */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
