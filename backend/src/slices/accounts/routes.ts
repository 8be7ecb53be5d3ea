import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MikroORM } from '@mikro-orm/core';
import { AccountMemberSchema } from '@curbe-voice/contracts/api/accounts';
import { accountAccess } from '../../platform/sessions/access-policy';
import { listMembers } from './member-views';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });

export interface AccountsRouteDeps {
  readModels: MikroORM;
}

/** `GET /api/accounts/:id/members`: the account's members with their status, read by any of them. */
export const accountsRoutes: FastifyPluginAsyncTypebox<{ deps: AccountsRouteDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', accountAccess);

  app.get(
    '/api/accounts/:id/members',
    { schema: { params: AccountParams, response: { 200: Type.Array(AccountMemberSchema) } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listMembers(deps.readModels, request.params.id);
    },
  );
};
