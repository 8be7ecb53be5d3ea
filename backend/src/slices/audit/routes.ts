import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountSetupAtSchema, AccountVerificationSchema, AuditEntrySchema } from '@curbe-voice/contracts/api/audit';
import type { EventStore } from '@curbe-voice/event-store';
import { auditorAccess } from '../../platform/sessions/access-policy';
import { AccountNotFound, AuditTrail } from './audit-trail';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
const StateQuery = Type.Object({
  at: Type.Optional(Type.String({ format: 'date-time', description: 'ISO-8601 moment; default now' })),
});

const ErrorResponse = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

export interface AuditRouteDeps {
  eventStore: EventStore;
}

/**
 * The audit trail of an account, read straight from the event store (not from read models): its
 * events without secrets, its telephony setup at any past moment, and the state of its hash chains.
 */
export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: AuditRouteDeps }> = async (app, { deps }) => {
  const trail = new AuditTrail(deps.eventStore);
  app.addHook('onRequest', auditorAccess);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AccountNotFound) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: error.message });
    }
    throw error;
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/audit/accounts/:id/events',
    { schema: { params: AccountParams, response: { 200: Type.Array(AuditEntrySchema), 404: ErrorResponse } } },
    async (request) => trail.events(request.params.id),
  );

  app.get(
    '/api/audit/accounts/:id/state',
    {
      schema: {
        params: AccountParams,
        querystring: StateQuery,
        response: { 200: AccountSetupAtSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const at = request.query.at === undefined ? new Date() : new Date(request.query.at);
      if (Number.isNaN(at.getTime())) {
        return reply
          .code(400)
          .send({ statusCode: 400, error: 'Bad Request', message: `Not an ISO-8601 moment: ${request.query.at}` });
      }
      return trail.setupAt(request.params.id, at);
    },
  );

  app.get(
    '/api/audit/accounts/:id/verify',
    { schema: { params: AccountParams, response: { 200: AccountVerificationSchema, 404: ErrorResponse } } },
    async (request) => trail.verify(request.params.id),
  );
};
