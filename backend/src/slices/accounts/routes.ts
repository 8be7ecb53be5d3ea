import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MikroORM } from '@mikro-orm/core';
import type { MemberRole } from '@curbe-voice/contracts';
import { AccountMemberSchema, type AccountMember } from '@curbe-voice/contracts/api/accounts';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';
import { accountAccess } from '../../platform/sessions/access-policy';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });

export interface AccountsRouteDeps {
  readModels: MikroORM;
}

/** `GET /api/accounts/:id/members`: the account's agents and auditors, read by any of them. */
export const accountsRoutes: FastifyPluginAsyncTypebox<{ deps: AccountsRouteDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', accountAccess);

  app.get(
    '/api/accounts/:id/members',
    { schema: { params: AccountParams, response: { 200: Type.Array(AccountMemberSchema) } } },
    async (request, reply) => {
      const accountId = request.params.id;
      const em = deps.readModels.em.fork();
      const members = await em.find(AgentViewEntity, { accountId }, { orderBy: { displayName: 'asc', email: 'asc' } });
      const numbers = await em.find(
        NumberViewEntity,
        { accountId, status: 'active', agentId: { $ne: null } },
        { orderBy: { phoneNumber: 'asc' } },
      );
      const numbersOf = new Map<string, string[]>();
      for (const number of numbers) {
        const held = numbersOf.get(number.agentId!) ?? [];
        held.push(number.phoneNumber);
        numbersOf.set(number.agentId!, held);
      }
      reply.header('cache-control', 'no-store');
      // Built field by field so nothing else of the row (e.g. the credential id) can leak out.
      return members.map((member): AccountMember => ({
        userId: member.userId,
        email: member.email,
        displayName: member.displayName,
        role: member.role as MemberRole,
        sipUsername: member.sipUsername,
        numbers: numbersOf.get(member.userId) ?? [],
      }));
    },
  );
};
