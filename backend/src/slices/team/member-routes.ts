import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import {
  AccountMemberSchema,
  AddedMemberSchema,
  AddMemberBodySchema,
  ChangeRoleBodySchema,
  FreshPasswordLinkSchema,
  type AccountMember,
} from '@curbe-voice/contracts/api/accounts';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf, requireUser } from '../../platform/sessions/session-user';
import { AccountRejected, listMembers, type AccountRegistry, type EmailsInUse } from '../accounts';
import type { TelephonySetupService } from '../activation';
import type { UserPasswords } from '../auth';
import { ErrorResponse, MemberParams, sendRejection } from './team-http';
import { TeamService, type TeamContext } from './team-service';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });

export interface MemberRouteDeps {
  eventStore: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  passwords: UserPasswords;
  signInEmails: EmailsInUse;
  activation: Pick<TelephonySetupService, 'provisionNewAgents'>;
  projections: Pick<ProjectionProgress, 'waitFor'>;
  config: { publicUrl: string };
  logger: { error(obj: object, msg?: string): void };
}

const ACCOUNT_REJECTION = {
  not_found: { code: 404, error: 'Not Found' },
  email_taken: { code: 409, error: 'Conflict' },
  invalid: { code: 400, error: 'Bad Request' },
  already_registered: { code: 409, error: 'Conflict' },
} as const;

type App = Parameters<SlicePlugin<MemberRouteDeps>>[0];

interface Helpers {
  team: TeamService;
  context: (request: FastifyRequest) => TeamContext;
  /** The member as listed, once the read models caught up with everything recorded about them. */
  memberAfter: (accountId: string, userId: string) => Promise<AccountMember | undefined>;
}

/**
 * The agency's admins run its team: add a member (answered with their one-time set-password link),
 * hand out a fresh link, change a role, disable and enable. Changes that end a member's sessions are
 * answered once the read models have them, so the member's old cookie is refused from then on.
 */
export const memberRoutes: SlicePlugin<MemberRouteDeps> = async (app, { deps }) => {
  const team = new TeamService({
    store: deps.eventStore,
    readModels: deps.readModels,
    accounts: deps.accounts,
    passwords: deps.passwords,
    emails: deps.signInEmails,
    activation: deps.activation,
    publicUrl: deps.config.publicUrl,
    logger: deps.logger,
  });
  app.addHook('onRequest', accountAccess);
  const helpers: Helpers = {
    team,
    context: (request) => ({ actor: actorOf(request), correlationId: request.id, by: requireUser(request).userId }),
    memberAfter: async (accountId, userId) => {
      const position = await team.positionOf(accountId, userId);
      if (position) await deps.projections.waitFor(position);
      return (await listMembers(deps.readModels, accountId, userId))[0];
    },
  };
  addingRoutes(app, helpers);
  changingRoutes(app, helpers);
};

/** Adding a member, and fresh set-password links. */
function addingRoutes(app: App, { team, context, memberAfter }: Helpers): void {
  app.post(
    '/api/accounts/:id/members',
    {
      onRequest: adminAccess,
      schema: {
        summary: 'Add a member',
        description:
          'Adds a member with a role and answers with their one-time set-password link (72 hours, one use) for the admin to hand over. ' +
          'An agent joining an activated account gets their phone line (a Telnyx telephony credential) before the answer.',
        params: AccountParams,
        body: AddMemberBodySchema,
        response: { 201: AddedMemberSchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const accountId = request.params.id;
      try {
        const { member, passwordLink } = await team.addMember(accountId, request.body, context(request));
        request.log.info({ accountId, addedUserId: member.userId, role: member.role }, 'member added');
        const listed = await memberAfter(accountId, member.userId);
        if (!listed) throw new Error('A member just added is not listed');
        reply.header('cache-control', 'no-store');
        return reply.code(201).send({
          ...listed,
          passwordLink: { url: passwordLink.url, expiresAt: passwordLink.expiresAt.toISOString() },
        });
      } catch (error) {
        if (!(error instanceof AccountRejected)) throw error;
        const { code, error: name } = ACCOUNT_REJECTION[error.reason];
        return reply.code(code).send({ statusCode: code, error: name, message: error.message });
      }
    },
  );

  app.post(
    '/api/accounts/:id/members/:userId/password-link',
    {
      onRequest: adminAccess,
      schema: {
        summary: 'Issue a fresh set-password link',
        description:
          'The link before stops working. Using the link sets a new password and ends the member’s sessions.',
        params: MemberParams,
        response: { 200: FreshPasswordLinkSchema, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      try {
        const link = await team.issuePasswordLink(id, userId, context(request));
        request.log.info({ accountId: id, userId }, 'set-password link issued');
        reply.header('cache-control', 'no-store');
        return { userId, passwordLink: { url: link.url, expiresAt: link.expiresAt.toISOString() } };
      } catch (error) {
        return sendRejection(reply, error);
      }
    },
  );
}

/** Roles, disabling and enabling: answered with the member as listed once the read models have the change. */
function changingRoutes(app: App, { team, context, memberAfter }: Helpers): void {
  const changed = async (reply: FastifyReply, accountId: string, userId: string) => {
    const member = await memberAfter(accountId, userId);
    return member ?? reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No member ${userId}` });
  };

  app.put(
    '/api/accounts/:id/members/:userId/role',
    {
      onRequest: adminAccess,
      schema: {
        summary: "Change a member's role",
        description:
          'Records `MemberRoleChanged`; the member’s sessions end. Refused for one’s own role, for the last active admin, and for an agent who still holds numbers (listed).',
        params: MemberParams,
        body: ChangeRoleBodySchema,
        response: { 200: AccountMemberSchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      try {
        await team.changeRole(id, userId, request.body.role, context(request));
        request.log.info({ accountId: id, userId, role: request.body.role }, 'member role changed');
        return await changed(reply, id, userId);
      } catch (error) {
        return sendRejection(reply, error);
      }
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/api/accounts/:id/members/:userId/${action}`,
      {
        onRequest: adminAccess,
        schema: {
          summary: action === 'disable' ? 'Disable a member' : 'Enable a member',
          description:
            action === 'disable'
              ? 'Records `MemberDisabled`: the member cannot sign in, their sessions end, their web phone is not rung (calls to their numbers go to voicemail) and places no calls. Refused for oneself and the last active admin.'
              : 'Records `MemberEnabled`: the member signs in with the password they had, and their numbers ring them again.',
          params: MemberParams,
          response: { 200: AccountMemberSchema, 404: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request, reply) => {
        const { id, userId } = request.params;
        try {
          await team[action](id, userId, context(request));
          request.log.info({ accountId: id, userId }, `member ${action}d`);
          return await changed(reply, id, userId);
        } catch (error) {
          return sendRejection(reply, error);
        }
      },
    );
  }
}
