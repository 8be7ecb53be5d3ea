import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ActivationAcceptedSchema,
  ActivationProgressSchema,
  ActivationStatusSchema,
  type ActivationProgress,
} from '@curbe-voice/contracts/api/activation';
import type { createReadModelOrm } from '@curbe-voice/projections';
import { activationProgress, ActivationViewEntity } from '@curbe-voice/projections/read-models/activation';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf } from '../../platform/sessions/session-user';
import type { TelephonySetupService } from './telephony-setup-service';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });

const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  status: Type.Optional(ActivationStatusSchema),
});

export interface ProvisioningRouteDeps {
  activation: TelephonySetupService;
  readModels: Awaited<ReturnType<typeof createReadModelOrm>>;
}

/**
 * `POST /api/accounts/:id/activation` starts (or retries) the activation and answers at once;
 * `GET` reports progress from the read model.
 */
export const provisioningRoutes: FastifyPluginAsyncTypebox<{ deps: ProvisioningRouteDeps }> = async (app, { deps }) => {
  // Members of the account see its activation; its admins start it.
  app.addHook('onRequest', accountAccess);

  app.post(
    '/api/accounts/:id/activation',
    {
      onRequest: adminAccess,
      schema: {
        params: AccountParams,
        response: { 202: ActivationAcceptedSchema, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const accountId = request.params.id;
      const result = await deps.activation.requestActivation(accountId, {
        actor: actorOf(request),
        correlationId: request.id,
      });
      switch (result.outcome) {
        case 'started':
          return reply.code(202).send({ accountId, status: result.state.status, attempt: result.state.attempt });
        case 'not_registered':
          return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No account ${accountId}` });
        case 'already_in_progress':
          return reply.code(409).send({
            statusCode: 409,
            error: 'Conflict',
            message: 'Activation is already in progress',
            status: 'in_progress',
          });
        case 'already_active':
          return reply.code(409).send({
            statusCode: 409,
            error: 'Conflict',
            message: 'The account is already active',
            status: 'completed',
          });
      }
    },
  );

  app.get(
    '/api/accounts/:id/activation',
    { schema: { params: AccountParams, response: { 200: ActivationProgressSchema, 404: ErrorResponse } } },
    async (request, reply) => {
      const view = await deps.readModels.em.fork().findOne(ActivationViewEntity, { accountId: request.params.id });
      if (!view)
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No account ${request.params.id}` });
      const body: ActivationProgress = {
        accountId: view.accountId,
        accountName: view.accountName,
        status: view.status as ActivationProgress['status'],
        attempt: view.attempt,
        steps: activationProgress(view),
        updatedAt: view.updatedAt,
      };
      if (view.status === 'failed' && view.failedStep) {
        body.error = {
          step: view.failedStep,
          ...(view.failureStatus === null ? {} : { status: view.failureStatus }),
          message: view.failureMessage ?? '',
          errors: view.failureErrors ?? [],
        };
      }
      reply.header('cache-control', 'no-store');
      return body;
    },
  );
};
