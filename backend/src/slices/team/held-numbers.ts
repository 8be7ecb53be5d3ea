import type { MikroORM } from '@mikro-orm/core';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';

/** The numbers assigned to a member (not released), in E.164 order: what must move before they stop being an agent. */
export async function heldNumbers(readModels: MikroORM, accountId: string, userId: string): Promise<string[]> {
  const rows = await readModels.em
    .fork()
    .find(NumberViewEntity, { accountId, agentId: userId, status: { $ne: 'released' } });
  return rows.map((row) => row.phoneNumber).sort();
}
