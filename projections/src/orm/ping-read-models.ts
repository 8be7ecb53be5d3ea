import type { MikroORM } from '@mikro-orm/core';

/** Cheap round trip to the read-model database for `/health`; throws when it is unreachable. */
export async function pingReadModels(orm: MikroORM): Promise<void> {
  await orm.em.fork().getConnection().execute('select 1');
}
