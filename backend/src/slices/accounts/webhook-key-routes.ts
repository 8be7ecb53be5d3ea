import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddWebhookKeyBodySchema, WebhookKeysSchema, type WebhookKeys } from '@curbe-voice/contracts/api/accounts';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf } from '../../platform/sessions/session-user';
import { AccountRejected } from './account-decider';
import type { AccountRegistry } from './account-registry';
import type { AccountState } from './account-state';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
const ErrorResponse = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

export interface WebhookKeyRouteDeps {
  accounts: AccountRegistry;
}

const view = (account: AccountState): WebhookKeys => ({
  telnyxAccountId: account.telnyxAccountId,
  publicKeys: account.webhookPublicKeys,
});

/**
 * The keys Telnyx signs the agency's webhooks with. Telnyx's API does not hand them out: an admin copies
 * the public key from the managed account's portal and enters it here; entering the new key after a
 * rotation keeps the previous one accepted until the next.
 */
export const webhookKeyRoutes: FastifyPluginAsyncTypebox<{ deps: WebhookKeyRouteDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', accountAccess);
  const notFound = (id: string) => ({ statusCode: 404, error: 'Not Found', message: `No account ${id}` });

  app.get(
    '/api/accounts/:id/webhook-keys',
    { schema: { params: AccountParams, response: { 200: WebhookKeysSchema, 404: ErrorResponse } } },
    async (request, reply) => {
      const account = await deps.accounts.get(request.params.id);
      if (!account) return reply.code(404).send(notFound(request.params.id));
      reply.header('cache-control', 'no-store');
      return view(account);
    },
  );

  app.post(
    '/api/accounts/:id/webhook-keys',
    {
      // Members read the keys; only the agency's admins change which keys are trusted.
      onRequest: adminAccess,
      schema: {
        params: AccountParams,
        body: AddWebhookKeyBodySchema,
        response: { 200: WebhookKeysSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        const context = { actor: actorOf(request), correlationId: request.id };
        return view(await deps.accounts.addWebhookPublicKey(request.params.id, request.body.publicKey, context));
      } catch (error) {
        if (!(error instanceof AccountRejected)) throw error;
        if (error.reason === 'not_found') return reply.code(404).send(notFound(request.params.id));
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
      }
    },
  );
};
