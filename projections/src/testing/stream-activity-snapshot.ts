import type { MikroORM } from '@mikro-orm/core';
import type { RecordedEvent } from '@curbe-voice/event-store';
import { positionToString } from '@curbe-voice/event-store';
import { ProjectionCheckpointEntity, type ProjectionCheckpoint } from '../checkpoints/projection-checkpoint.entity';
import {
  AppliedEventEntity,
  StreamActivityEntity,
  type AppliedEvent,
  type StreamActivity,
} from './stream-activity-projector';

export interface StreamActivitySnapshot {
  activity: StreamActivity[];
  applied: AppliedEvent[];
}

/** Everything in the test read model, in a stable order. */
export async function readStreamActivity(orm: MikroORM): Promise<StreamActivitySnapshot> {
  const em = orm.em.fork();
  const activity = await em.find(StreamActivityEntity, {}, { orderBy: { streamName: 'asc' } });
  const applied = await em.find(AppliedEventEntity, {}, { orderBy: { eventId: 'asc' } });
  return { activity: activity.map((row) => ({ ...row })), applied: applied.map((row) => ({ ...row })) };
}

/** What the test read model must contain after applying exactly `events`, once each. */
export function expectedStreamActivity(events: RecordedEvent[], builtBy = 'v1'): StreamActivitySnapshot {
  const activity = new Map<string, StreamActivity>();
  for (const event of events) {
    const row = activity.get(event.streamName);
    if (row) {
      row.eventCount += 1;
      row.lastRevision = event.revision;
    } else {
      activity.set(event.streamName, {
        streamName: event.streamName,
        eventCount: 1,
        lastRevision: event.revision,
        builtBy,
      });
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    activity: [...activity.values()].sort((a, b) => byName(a.streamName, b.streamName)),
    applied: events
      .map((event) => ({
        eventId: event.id,
        streamName: event.streamName,
        eventType: event.type,
        position: positionToString(event.position),
        timesApplied: 1,
        builtBy,
      }))
      .sort((a, b) => byName(a.eventId, b.eventId)),
  };
}

export async function readCheckpointRow(orm: MikroORM, projectorName: string): Promise<ProjectionCheckpoint | null> {
  const row = await orm.em.fork().findOne(ProjectionCheckpointEntity, { projectorName });
  return row ? { ...row } : null;
}
