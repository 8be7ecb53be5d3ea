import type { EntitySchema, MikroORM } from '@mikro-orm/core';
import { activationProjector, ActivationViewEntity } from '@curbe-voice/projections/read-models/activation/index';
import { callHistoryProjector, CallHistoryEntryEntity } from '@curbe-voice/projections/read-models/call-history/index';
import type { AnnouncedReadModel } from './checkpoint-gated-feed';
import { toUpdate } from './read-model-change-feed';

const stringField = (data: unknown, field: string): string | null => {
  const value = (data as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

async function loadRow<Row extends object>(orm: MikroORM, entity: EntitySchema<Row>, key: string) {
  const row = await orm.em.fork().findOne(entity, key as never, { disableIdentityMap: true });
  return row ? toUpdate(entity.meta.className, row) : null;
}

/** The read models pushed over `/api/events/stream`, seen from the events (same rows as the ORM change feed). */
export const announcedReadModels: AnnouncedReadModel[] = [
  {
    projector: callHistoryProjector,
    rowKeyOf: (event) => stringField(event.data, 'callSid'),
    load: (orm, callSid) => loadRow(orm, CallHistoryEntryEntity, callSid),
  },
  {
    projector: activationProjector,
    rowKeyOf: (event) => stringField(event.data, 'accountId'),
    load: (orm, accountId) => loadRow(orm, ActivationViewEntity, accountId),
  },
];
