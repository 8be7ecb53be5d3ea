import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { MikroORM } from '@mikro-orm/core';
import {
  AvailableNumberSchema,
  NumberListItemSchema,
  NumbersSyncSchema,
  OwnedNumberSchema,
  type OwnedNumber,
} from '@curbe-voice/contracts/api/numbers';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';
import { TelnyxPermanentError, TelnyxTransientError } from '../../platform/telnyx/telnyx-errors';
import { accountAccess, adminAccess } from '../../platform/sessions/access-policy';
import { actorOf } from '../../platform/sessions/session-user';
import { NumberRejected, type NumberRejection } from './number-rejected';
import type { NumberService } from './number-service';
import { buildNumberService, type NumberServiceWiring } from './build-number-service';
import type { NumberState } from './number-state';

const AccountParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });
const NumberParams = Type.Object({ id: AccountParams.properties.id, e164: Type.String({ maxLength: 20 }) });

const AvailableQuery = Type.Object({
  area_code: Type.Optional(Type.String({ pattern: '^[2-9][0-9]{2}$' })),
  locality: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  contains: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const OrderBody = Type.Object(
  { phone_number: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
const AssignBody = Type.Object(
  { agent_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  reason: Type.Optional(Type.String()),
});
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse };

const STATUS: Record<NumberRejection, [number, string]> = {
  invalid_number: [400, 'Bad Request'],
  account_not_found: [404, 'Not Found'],
  number_not_found: [404, 'Not Found'],
  agent_not_found: [404, 'Not Found'],
  not_an_agent: [422, 'Unprocessable Entity'],
  already_owned: [409, 'Conflict'],
  assigned_to_other_agent: [409, 'Conflict'],
  released: [409, 'Conflict'],
  order_pending: [409, 'Conflict'],
  order_failed: [409, 'Conflict'],
  missing_at_telnyx: [409, 'Conflict'],
};

/** The slice's share of the application's dependencies (see the composition root). */
export type NumbersRouteDeps = NumberServiceWiring;

const toResponse = (state: NumberState): OwnedNumber => ({
  phoneNumber: state.phoneNumber,
  accountId: state.accountId,
  phoneNumberId: state.phoneNumberId,
  status: state.status,
  failureReason: state.failureReason,
  texmlApplicationId: state.texmlApplicationId,
  agentId: state.agentId,
});

/** Searching, ordering, syncing, assigning and releasing an account's phone numbers. */
export const numbersRoutes: FastifyPluginAsyncTypebox<{ deps: NumbersRouteDeps }> = async (app, { deps }) => {
  const numbers = buildNumberService(deps);
  app.setErrorHandler(numbersErrorHandler);
  // Members of the account see its numbers; its admins search, order, assign and release them.
  app.addHook('onRequest', accountAccess);

  app.get(
    '/api/accounts/:id/numbers/available',
    {
      onRequest: adminAccess,
      schema: {
        params: AccountParams,
        querystring: AvailableQuery,
        response: { 200: Type.Array(AvailableNumberSchema), ...errors },
      },
    },
    async (request) => numbers.searchAvailable(request.params.id, searchCriteria(request.query)),
  );

  app.post(
    '/api/accounts/:id/numbers',
    {
      onRequest: adminAccess,
      schema: { params: AccountParams, body: OrderBody, response: { 201: OwnedNumberSchema, ...errors } },
    },
    async (request, reply) => {
      const state = await numbers.order(request.params.id, request.body.phone_number.trim(), context(request));
      return reply.code(201).send(toResponse(state));
    },
  );

  app.get(
    '/api/accounts/:id/numbers',
    { schema: { params: AccountParams, response: { 200: Type.Array(NumberListItemSchema) } } },
    async (request, reply) => {
      const rows = await listNumbers(deps.readModels, numbers, request.params.id, request);
      reply.header('cache-control', 'no-store');
      return rows.map((row) => ({ ...row, status: row.status as OwnedNumber['status'] }));
    },
  );

  app.post(
    '/api/accounts/:id/numbers/sync',
    { onRequest: adminAccess, schema: { params: AccountParams, response: { 200: NumbersSyncSchema, ...errors } } },
    async (request) => numbers.sync(request.params.id, context(request)),
  );

  app.put(
    '/api/accounts/:id/numbers/:e164/agent',
    {
      onRequest: adminAccess,
      schema: { params: NumberParams, body: AssignBody, response: { 200: OwnedNumberSchema, ...errors } },
    },
    async (request) =>
      toResponse(await numbers.assign(request.params.id, request.params.e164, request.body.agent_id, context(request))),
  );

  app.delete(
    '/api/accounts/:id/numbers/:e164/agent',
    { onRequest: adminAccess, schema: { params: NumberParams, response: { 200: OwnedNumberSchema, ...errors } } },
    async (request) => toResponse(await numbers.unassign(request.params.id, request.params.e164, context(request))),
  );

  app.delete(
    '/api/accounts/:id/numbers/:e164',
    { onRequest: adminAccess, schema: { params: NumberParams, response: { 200: OwnedNumberSchema, ...errors } } },
    async (request) => toResponse(await numbers.release(request.params.id, request.params.e164, context(request))),
  );
};

/** The search's query string as the number service takes it (absent filters left out). */
function searchCriteria({ area_code, locality, state, contains, limit }: Static<typeof AvailableQuery>) {
  return {
    ...(area_code ? { areaCode: area_code } : {}),
    ...(locality ? { locality } : {}),
    ...(state ? { administrativeArea: state.toUpperCase() } : {}),
    ...(contains ? { contains } : {}),
    ...(limit ? { limit } : {}),
  };
}

const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id });

/** The account's numbers; orders Telnyx completed since the last look are recorded before they are listed. */
async function listNumbers(readModels: MikroORM, numbers: NumberService, accountId: string, request: FastifyRequest) {
  const list = () => readModels.em.fork().find(NumberViewEntity, { accountId }, { orderBy: { phoneNumber: 'asc' } });
  const rows = await list();
  const pending = rows.filter((row) => row.status === 'pending').map((row) => row.phoneNumber);
  if (pending.length === 0) return rows;
  try {
    await numbers.settlePending(accountId, pending, context(request));
  } catch (error) {
    // Telnyx unreachable: the list still answers, the orders show pending until the next look.
    request.log.warn({ err: error }, 'could not check pending number orders at Telnyx');
  }
  return list();
}

/** Refusals and Telnyx's answers become clear 4xx/503s; anything else goes to the app's handler. */
function numbersErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof NumberRejected) {
    const [statusCode, name] = STATUS[error.reason];
    return reply.code(statusCode).send({ statusCode, error: name, message: error.message, reason: error.reason });
  }
  if (error instanceof TelnyxPermanentError) {
    return reply.code(422).send({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Telnyx refused: ${error.message}`,
      reason: 'telnyx_refused',
    });
  }
  if (error instanceof TelnyxTransientError) {
    request.log.warn({ err: error }, 'Telnyx unavailable for a numbers request');
    return reply.code(503).send({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Telnyx is not answering right now; try again shortly',
      reason: 'telnyx_unavailable',
    });
  }
  throw error;
}
