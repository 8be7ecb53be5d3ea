import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@curbe-voice/event-store';
import type { DecidedEvent } from './decider';

/** Who asked and which request a chain of events belongs to. */
export interface CommandContext {
  /** `user:{id}`, `system`, `telnyx` (a verified webhook) or `cli`. */
  actor: string;
  /** The request the events belong to; when absent, the first event of the batch starts a new story. */
  correlationId?: string;
  causationId?: string | null;
}

/** Current data shapes of every stream family (bumped per family when one changes). */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * The one place events get their envelope: id (kept when the decider derived one), and the metadata
 * every stored event carries. One batch shares one correlation id, so the audit trail shows it as one story.
 */
export function toNewEvents(
  events: readonly DecidedEvent[],
  context: CommandContext,
  options: { now?: Date; schemaVersion?: number } = {},
): NewEvent[] {
  const now = (options.now ?? new Date()).toISOString();
  const withIds = events.map((event) => ({ ...event, id: event.id ?? randomUUID() }));
  const correlationId = context.correlationId ?? withIds[0]?.id ?? randomUUID();
  return withIds.map((event) => ({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      correlationId,
      causationId: context.causationId ?? null,
      occurredAt: event.occurredAt ?? now,
      schemaVersion: options.schemaVersion ?? CURRENT_SCHEMA_VERSION,
    },
  }));
}
