import { STATUS_CODES } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM } from '@mikro-orm/core';
import type { AllPosition } from '@curbe-voice/event-store';
import {
  AdminPasswordLinkSchema,
  AgencyCreatedSchema,
  AgencySummarySchema,
  CreateAgencyBodySchema,
  type AgencySummary,
} from '@curbe-voice/contracts/api/operator';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import type { ProjectionProgress } from '../../platform/projection-progress/projection-progress';
import { operatorAccess } from '../../platform/sessions/access-policy';
import { actorOf } from '../../platform/sessions/session-user';
import { TelnyxPermanentError, TelnyxTransientError } from '../../platform/telnyx/telnyx-errors';
import { AccountRejected, type AgencyOnboarding, type OnboardedAgency } from '../accounts';
import { listAgencies } from './agency-list';

const Id = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });
const AdminParams = Type.Object({ id: Id, userId: Id });
const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 502: ErrorResponse };

export interface OperatorRouteDeps {
  readModels: MikroORM;
  onboarding: AgencyOnboarding;
  projections: Pick<ProjectionProgress, 'waitFor'>;
}

/**
 * The platform operators' API, theirs alone (every agency member gets 403): the agencies, creating
 * one with its Telnyx managed account and first admin, and a fresh set-password link for an admin.
 */
export const operatorRoutes: SlicePlugin<OperatorRouteDeps> = async (app, { deps }) => {
  app.addHook('onRequest', operatorAccess);
  app.setErrorHandler(operatorErrorHandler);
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id });

  app.get(
    '/api/operator/agencies',
    { schema: { response: { 200: Type.Array(AgencySummarySchema) } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return listAgencies(deps.readModels);
    },
  );

  app.post(
    '/api/operator/agencies',
    { schema: { body: CreateAgencyBodySchema, response: { 201: AgencyCreatedSchema, ...errors } } },
    async (request, reply) => {
      let stored: AllPosition | undefined;
      const created = await deps.onboarding.createAgency(request.body, context(request), {
        afterAppend: async (result) => {
          stored = result.position;
        },
      });
      request.log.info({ accountId: created.account.accountId }, 'agency created');
      // Read-your-writes for the list the page reloads next; the agency exists either way.
      if (stored) await deps.projections.waitFor(stored).catch(() => undefined);
      const [agency] = await listAgencies(deps.readModels, [created.account.accountId]);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        agency: agency ?? summaryOf(created),
        admin: memberView(created.admin),
        passwordLink: linkView(created.passwordLink),
      });
    },
  );

  app.post(
    '/api/operator/agencies/:id/admins/:userId/password-link',
    { schema: { params: AdminParams, response: { 200: AdminPasswordLinkSchema, ...errors } } },
    async (request, reply) => {
      const { id, userId } = request.params;
      const { admin, passwordLink } = await deps.onboarding.adminPasswordLink(id, userId, context(request));
      request.log.info({ accountId: id, userId }, 'password link issued for an agency admin');
      reply.header('cache-control', 'no-store');
      return { admin: memberView(admin), passwordLink: linkView(passwordLink) };
    },
  );
};

const memberView = ({ userId, email, displayName }: OnboardedAgency['admin']) => ({ userId, email, displayName });
const linkView = (link: OnboardedAgency['passwordLink']) => ({
  url: link.url,
  expiresAt: link.expiresAt.toISOString(),
});

/** The new agency as recorded, should the read models not have it yet. */
function summaryOf({ account, admin }: OnboardedAgency): AgencySummary {
  return {
    id: account.accountId,
    name: account.name,
    createdAt: new Date().toISOString(),
    telnyxAccountId: account.telnyxAccountId,
    memberCount: account.members.length,
    activationStatus: 'not_requested',
    admins: [memberView(admin)],
  };
}

const REJECTED_STATUS: Record<AccountRejected['reason'], number> = {
  invalid: 400,
  not_found: 404,
  email_taken: 409,
  already_registered: 409,
};

/** Refusals become clear 4xx; a Telnyx failure 502 with Telnyx's words. Anything else goes to the app's handler. */
function operatorErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (statusCode: number, message: string, reason: string) =>
    reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, reason });
  if (error instanceof AccountRejected) return send(REJECTED_STATUS[error.reason], error.message, error.reason);
  if (error instanceof TelnyxPermanentError || error instanceof TelnyxTransientError) {
    request.log.warn({ err: error }, 'Telnyx refused or failed a managed account');
    const reason = error instanceof TelnyxPermanentError ? 'telnyx_refused' : 'telnyx_unavailable';
    return send(502, `Telnyx could not create the managed account: ${error.message}`, reason);
  }
  throw error;
}
