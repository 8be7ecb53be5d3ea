import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@curbe-voice/event-store';

/** Who asked and which request a chain of events belongs to. */
export interface CommandContext {
  /** `user:{id}`, `system` or `cli`. */
  actor: string;
  correlationId?: string;
  causationId?: string | null;
}

/** Current data shapes of the account and agent streams. */
export const ACCOUNT_EVENTS_SCHEMA_VERSION = 1;

export function toNewEvent(event: { type: string; data: unknown }, context: CommandContext, now = new Date()): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      correlationId: context.correlationId ?? id,
      causationId: context.causationId ?? null,
      occurredAt: now.toISOString(),
      schemaVersion: ACCOUNT_EVENTS_SCHEMA_VERSION,
    },
  };
}
