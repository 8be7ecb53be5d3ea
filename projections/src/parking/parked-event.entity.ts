import { EntitySchema } from '@mikro-orm/core';

/**
 * An event a projector could not apply even after retrying it: set aside so the projector can go on
 * with the next events. Operators retry or skip it; the row stays as the record of what happened.
 */
export interface ParkedEvent {
  /** `<projector>:<event id>`: one row per projector and event. */
  id: string;
  projectorName: string;
  streamName: string;
  revision: number;
  /** `$all` position (`positionToString`). */
  position: string;
  eventId: string;
  eventType: string;
  /** The last error, cut to a readable length. */
  errorMessage: string;
  attempts: number;
  /** `parked` | `retried` | `skipped`. */
  state: string;
  parkedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export const ParkedEventEntity = new EntitySchema<ParkedEvent>({
  name: 'ParkedEvent',
  tableName: 'projection_parked_event',
  indexes: [{ properties: ['state', 'projectorName'] }],
  properties: {
    id: { type: 'string', length: 300, primary: true },
    projectorName: { type: 'string', length: 200 },
    streamName: { type: 'string', length: 300 },
    revision: { type: 'integer' },
    position: { type: 'string', length: 100 },
    eventId: { type: 'string', length: 64 },
    eventType: { type: 'string', length: 200 },
    errorMessage: { type: 'text' },
    attempts: { type: 'integer' },
    state: { type: 'string', length: 20 },
    parkedAt: { type: 'datetime' },
    resolvedAt: { type: 'datetime', nullable: true },
    resolvedBy: { type: 'string', length: 200, nullable: true },
  },
});
