import type { MikroORM } from '@mikro-orm/core';
import type { ActivationStatus } from '@curbe-voice/contracts/api/activation';
import type { AgencySummary } from '@curbe-voice/contracts/api/operator';
import { ActivationViewEntity } from '@curbe-voice/projections/read-models/activation';
import { AgencyViewEntity } from '@curbe-voice/projections/read-models/agencies';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';

/** Every agency (or those whose ids are given) for the operators, alphabetically, from the read models. */
export async function listAgencies(readModels: MikroORM, accountIds?: string[]): Promise<AgencySummary[]> {
  const em = readModels.em.fork();
  const where = accountIds ? { accountId: { $in: accountIds } } : {};
  const agencies = await em.find(AgencyViewEntity, where, { orderBy: { name: 'asc', createdAt: 'asc' } });
  if (agencies.length === 0) return [];
  const ids = agencies.map((agency) => agency.accountId);
  const activations = await em.find(
    ActivationViewEntity,
    { accountId: { $in: ids } },
    { fields: ['accountId', 'status'] },
  );
  const statusOf = new Map(activations.map((row) => [row.accountId, row.status as ActivationStatus]));
  const admins = await em.find(
    AgentViewEntity,
    { accountId: { $in: ids }, role: 'admin' },
    { orderBy: { displayName: 'asc', email: 'asc' } },
  );
  // Built field by field so nothing else of the rows can leak out.
  return agencies.map((agency) => ({
    id: agency.accountId,
    name: agency.name,
    createdAt: agency.createdAt,
    telnyxAccountId: agency.telnyxAccountId,
    memberCount: agency.memberCount,
    activationStatus: statusOf.get(agency.accountId) ?? 'not_requested',
    admins: admins
      .filter((admin) => admin.accountId === agency.accountId)
      .map(({ userId, email, displayName }) => ({ userId, email, displayName })),
  }));
}
