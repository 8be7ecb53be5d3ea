import type { EntitySchema, MikroORM } from '@mikro-orm/core';
import type { RecordedEvent } from '@curbe-voice/event-store';
import type { Projector } from '@curbe-voice/projections';
import type { AnnouncedReadModel } from './checkpoint-gated-feed';
import type { LiveUpdate } from './live-update-hub';

/**
 * A read model whose changed rows are pushed to browsers. Slices declare theirs; the composition root
 * hands the list to the live-update feeds (the ORM's commits in-process, the checkpoints otherwise).
 */
export interface LiveReadModel<Row extends object = object> {
  projector: Projector;
  entity: EntitySchema<Row>;
  /** Which row an event changes (null: none). */
  rowKeyOf(event: RecordedEvent): string | null;
  /** The update a committed row makes, or null for rows nobody is told about. */
  toUpdate(row: Row): LiveUpdate | null;
}

/** A string field of an event's data, or null. */
export function stringField(data: unknown, field: string): string | null {
  const value = (data as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The same read model seen from the events, for the checkpoint-gated feed. */
export function announced<Row extends object>(model: LiveReadModel<Row>): AnnouncedReadModel {
  return {
    projector: model.projector,
    rowKeyOf: (event) => model.rowKeyOf(event),
    load: async (orm: MikroORM, key: string) => {
      const row = await orm.em.fork().findOne(model.entity, key as never, { disableIdentityMap: true });
      return row ? model.toUpdate({ ...row }) : null;
    },
  };
}
