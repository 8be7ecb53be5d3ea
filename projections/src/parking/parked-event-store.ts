import type { EntityManager } from '@mikro-orm/core';
import type { RecordedEvent } from '@curbe-voice/event-store';
import { positionToString } from '@curbe-voice/event-store';
import { ParkedEventEntity, type ParkedEvent } from './parked-event.entity';

const MAX_ERROR_LENGTH = 2000;

export const parkedEventId = (projectorName: string, eventId: string): string => `${projectorName}:${eventId}`;

/** Readable error text: NULs and other control characters would not survive every database driver. */
export function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f]/g, '\uFFFD').slice(0, MAX_ERROR_LENGTH);
}

/** Records the event as parked for the projector (inside the transaction that moves its checkpoint). */
export async function parkEvent(
  em: EntityManager,
  projectorName: string,
  event: RecordedEvent,
  error: unknown,
  attempts: number,
): Promise<void> {
  await em.upsert(ParkedEventEntity, {
    id: parkedEventId(projectorName, event.id),
    projectorName,
    streamName: event.streamName,
    revision: Number(event.revision),
    position: positionToString(event.position),
    eventId: event.id,
    eventType: event.type,
    errorMessage: describeError(error),
    attempts,
    state: 'parked',
    parkedAt: new Date(),
    resolvedAt: null,
    resolvedBy: null,
  });
}

/** Events still waiting for an operator, oldest first. */
export async function listParkedEvents(em: EntityManager, projectorName?: string): Promise<ParkedEvent[]> {
  return em.find(
    ParkedEventEntity,
    { state: 'parked', ...(projectorName ? { projectorName } : {}) },
    { orderBy: { parkedAt: 'asc' }, disableIdentityMap: true },
  );
}

export async function findParkedEvent(em: EntityManager, id: string): Promise<ParkedEvent | null> {
  return em.findOne(ParkedEventEntity, { id }, { disableIdentityMap: true });
}

/** Marks a parked event retried or skipped; false when it was not (or no longer) parked. */
export async function resolveParkedEvent(
  em: EntityManager,
  id: string,
  state: 'retried' | 'skipped',
  resolvedBy: string,
): Promise<boolean> {
  const updated = await em.nativeUpdate(
    ParkedEventEntity,
    { id, state: 'parked' },
    { state, resolvedAt: new Date(), resolvedBy },
  );
  return updated === 1;
}
