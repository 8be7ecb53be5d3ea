import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { accountStreamName } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import type { SecretBox } from '../../platform/crypto/secret-box';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import type { AccountRegistry } from '../accounts';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf, requireUser } from '../../platform/sessions/session-user';
import { AgentSecrets } from '../../platform/crypto/agent-secrets';
import { MemberRemovalService } from './member-removal-service';
import { ErrorResponse, MemberParams, sendRejection } from './team-http';

const AgentParams = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
  agentId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
});

const MemberRemovedResponse = Type.Object({
  accountId: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  credentialId: Type.Union([Type.String(), Type.Null()]),
  secretsShredded: Type.Boolean(),
});

export interface MemberRemovalRouteDeps {
  eventStore: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  telnyxGateway: TelnyxGateway;
  secretBox: SecretBox;
  projections: Pick<ProjectionProgress, 'waitFor'>;
}

const REFUSALS =
  'Refused for oneself, for the last active admin and while the member still holds numbers (the answer lists them).';

/**
 * `DELETE /api/accounts/:id/members/:userId`: an admin of the account removes any member (see
 * removal-policy); `DELETE /api/accounts/:id/agents/:agentId` is the same for agents only.
 */
export const memberRemovalRoutes: SlicePlugin<MemberRemovalRouteDeps> = async (app, { deps }) => {
  const service = new MemberRemovalService({
    store: deps.eventStore,
    readModels: deps.readModels,
    accounts: deps.accounts,
    telnyx: deps.telnyxGateway,
    agentSecrets: new AgentSecrets(deps.readModels, deps.secretBox),
  });
  // Only the account's own admins may remove (agents, auditors and other agencies get 403).
  app.addHook('onRequest', accountAccess);

  const remove = async (request: FastifyRequest, accountId: string, userId: string, agentsOnly: boolean) => {
    const removed = await service.remove(accountId, userId, {
      actor: actorOf(request),
      correlationId: request.id,
      removedBy: requireUser(request).userId,
      agentsOnly,
    });
    request.log.info(
      { accountId: removed.accountId, removedUserId: removed.userId, credentialId: removed.credentialId },
      'member removed',
    );
    // Answered once the read models have it: the member's sessions are refused everywhere from then on.
    const [last] = await deps.eventStore.readStream(accountStreamName(accountId), {
      direction: 'backwards',
      maxCount: 1,
    });
    if (last) await deps.projections.waitFor(last.position);
    return removed;
  };

  app.delete(
    '/api/accounts/:id/members/:userId',
    {
      onRequest: adminAccess,
      schema: {
        summary: 'Remove a member',
        description:
          "Deletes the member's Telnyx SIP credential if they have one, destroys their data key (their stored SIP password can never be opened again) and records `AgentRemoved`; their sessions end. " +
          REFUSALS,
        params: MemberParams,
        response: { 200: MemberRemovedResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        return await remove(request, request.params.id, request.params.userId, false);
      } catch (error) {
        return sendRejection(reply, error);
      }
    },
  );

  app.delete(
    '/api/accounts/:id/agents/:agentId',
    {
      onRequest: adminAccess,
      schema: {
        summary: 'Remove an agent',
        description:
          "Deletes the agent's Telnyx SIP credential, destroys their data key (their stored SIP password can never be opened again) and records `AgentRemoved`. " +
          `${REFUSALS} Members who are not agents are not found here (see DELETE …/members/:userId).`,
        params: AgentParams,
        response: { 200: MemberRemovedResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        return await remove(request, request.params.id, request.params.agentId, true);
      } catch (error) {
        return sendRejection(reply, error);
      }
    },
  );
};
