import { Type } from '@sinclair/typebox';
import type { EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import type { SecretBox } from '../../platform/crypto/secret-box';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import type { AccountRegistry } from '../accounts';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf, requireUser } from '../../platform/sessions/session-user';
import { AgentSecrets } from '../../platform/crypto/agent-secrets';
import { AgentRemovalService } from './agent-removal-service';
import { AgentRemovalRejected, type RemovalRejection } from './removal-policy';

const Params = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
  agentId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
});

const AgentRemovedResponse = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  credentialId: Type.Union([Type.String(), Type.Null()]),
  secretsShredded: Type.Boolean(),
});

const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  numbers: Type.Optional(Type.Array(Type.String())),
});

const STATUS: Record<RemovalRejection, { code: 404 | 409; error: string }> = {
  no_account: { code: 404, error: 'Not Found' },
  not_an_agent: { code: 404, error: 'Not Found' },
  self_removal: { code: 409, error: 'Conflict' },
  holds_numbers: { code: 409, error: 'Conflict' },
};

/** `DELETE /api/accounts/:id/agents/:agentId`: an admin of the account removes an agent (see removal-policy). */
export interface AgentRemovalRouteDeps {
  eventStore: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  telnyxGateway: TelnyxGateway;
  secretBox: SecretBox;
}

export const agentRemovalRoutes: SlicePlugin<AgentRemovalRouteDeps> = async (app, { deps }) => {
  const service = new AgentRemovalService({
    store: deps.eventStore,
    readModels: deps.readModels,
    accounts: deps.accounts,
    telnyx: deps.telnyxGateway,
    agentSecrets: new AgentSecrets(deps.readModels, deps.secretBox),
  });
  // Only the account's own admins may remove (agents, auditors and other agencies get 403).
  app.addHook('onRequest', accountAccess);

  app.delete(
    '/api/accounts/:id/agents/:agentId',
    {
      onRequest: adminAccess,
      schema: {
        summary: 'Remove an agent',
        description:
          "Deletes the agent's Telnyx SIP credential, destroys their data key (their stored SIP password can never be opened again) and records `AgentRemoved`. " +
          'Refused for oneself and while the agent still holds numbers.',
        params: Params,
        response: { 200: AgentRemovedResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      try {
        const removed = await service.remove(request.params.id, request.params.agentId, {
          actor: actorOf(request),
          correlationId: request.id,
          removedBy: user.userId,
        });
        request.log.info(
          { accountId: removed.accountId, removedUserId: removed.userId, credentialId: removed.credentialId },
          'agent removed',
        );
        return removed;
      } catch (error) {
        if (!(error instanceof AgentRemovalRejected)) throw error;
        const { code, error: name } = STATUS[error.reason];
        return reply.code(code).send({
          statusCode: code,
          error: name,
          message: error.message,
          ...(error.numbers.length > 0 ? { numbers: error.numbers } : {}),
        });
      }
    },
  );
};
