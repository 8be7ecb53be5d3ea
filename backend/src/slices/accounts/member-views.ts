import type { MikroORM } from '@mikro-orm/core';
import type { MemberRole } from '@curbe-voice/contracts';
import type { AccountMember as MemberView } from '@curbe-voice/contracts/api/accounts';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';

/**
 * The account's members as the API shows them (from the members' read model), with the active
 * numbers that ring each; `userId` narrows it to one member. Built field by field so nothing else of
 * the row (e.g. the credential id) can leak out.
 */
export async function listMembers(readModels: MikroORM, accountId: string, userId?: string): Promise<MemberView[]> {
  const em = readModels.em.fork();
  const members = await em.find(AgentViewEntity, userId === undefined ? { accountId } : { accountId, userId }, {
    orderBy: { displayName: 'asc', email: 'asc' },
  });
  const numbers = await em.find(
    NumberViewEntity,
    { accountId, status: 'active', agentId: userId === undefined ? { $ne: null } : userId },
    { orderBy: { phoneNumber: 'asc' } },
  );
  const numbersOf = new Map<string, string[]>();
  for (const number of numbers) {
    const held = numbersOf.get(number.agentId!) ?? [];
    held.push(number.phoneNumber);
    numbersOf.set(number.agentId!, held);
  }
  return members.map((member): MemberView => ({
    userId: member.userId,
    email: member.email,
    displayName: member.displayName,
    role: member.role as MemberRole,
    sipUsername: member.sipUsername,
    numbers: numbersOf.get(member.userId) ?? [],
    status: member.status === 'disabled' ? 'disabled' : 'active',
    joined: member.passwordSet,
  }));
}
