import { EntitySchema } from '@mikro-orm/core';
import type { EventFilter, RecordedEvent } from '@curbe-voice/event-store';
import { positionToString } from '@curbe-voice/event-store';
import type { Projector } from '../runner/projector';

/** Test read model: how many events each stream has, and one row per applied event. */
export interface StreamActivity {
  streamName: string;
  eventCount: number;
  lastRevision: number;
  builtBy: string;
}

export interface AppliedEvent {
  eventId: string;
  streamName: string;
  eventType: string;
  position: string;
  /** Anything but 1 means the event was applied more than once. */
  timesApplied: number;
  builtBy: string;
}

export const StreamActivityEntity = new EntitySchema<StreamActivity>({
  name: 'StreamActivity',
  tableName: 'test_stream_activity',
  properties: {
    streamName: { type: 'string', length: 200, primary: true },
    eventCount: { type: 'integer' },
    lastRevision: { type: 'integer' },
    builtBy: { type: 'string', length: 50 },
  },
});

export const AppliedEventEntity = new EntitySchema<AppliedEvent>({
  name: 'AppliedEvent',
  tableName: 'test_applied_event',
  properties: {
    eventId: { type: 'string', length: 36, primary: true },
    streamName: { type: 'string', length: 200 },
    eventType: { type: 'string', length: 200 },
    position: { type: 'text' },
    timesApplied: { type: 'integer' },
    builtBy: { type: 'string', length: 50 },
  },
});

export const streamActivityEntities = [StreamActivityEntity, AppliedEventEntity];

export interface StreamActivityProjectorOptions {
  name?: string;
  version?: number;
  /** Stored in every row, so tests can tell which projector version built it. */
  builtBy?: string;
  filter?: EventFilter;
  /** Throw after writing this event's rows (so the rollback has something to undo). */
  failOn?: (event: RecordedEvent) => boolean;
  /** Called after each successful apply (still inside the transaction). */
  onApplied?: (event: RecordedEvent) => void;
}

export function streamActivityProjector(options: StreamActivityProjectorOptions = {}): Projector {
  const builtBy = options.builtBy ?? 'v1';
  return {
    name: options.name ?? 'stream-activity',
    version: options.version ?? 1,
    entities: streamActivityEntities,
    ...(options.filter ? { filter: options.filter } : {}),
    async apply(event, em) {
      const applied = await em.findOne(AppliedEventEntity, { eventId: event.id });
      if (applied) applied.timesApplied += 1;
      else {
        em.create(AppliedEventEntity, {
          eventId: event.id,
          streamName: event.streamName,
          eventType: event.type,
          position: positionToString(event.position),
          timesApplied: 1,
          builtBy,
        });
      }
      const activity = await em.findOne(StreamActivityEntity, { streamName: event.streamName });
      if (activity) {
        activity.eventCount += 1;
        activity.lastRevision = event.revision;
      } else {
        em.create(StreamActivityEntity, {
          streamName: event.streamName,
          eventCount: 1,
          lastRevision: event.revision,
          builtBy,
        });
      }
      if (options.failOn?.(event)) {
        await em.flush();
        throw new Error(`Projection fault on ${event.id}`);
      }
      options.onApplied?.(event);
    },
  };
}
