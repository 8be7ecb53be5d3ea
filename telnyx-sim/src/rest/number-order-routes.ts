/**
 * Test controls for number orders (`/sim/number-orders`, outside `/v2`, loopback only like the fault
 * API): how long orders take to complete, and which number's next order fails and why.
 */
import type { FastifyInstance } from 'fastify';
import type { NumberOrderDesk } from './number-order-desk';

const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['completeAfterMs'],
  properties: { completeAfterMs: { type: 'integer', minimum: 0, maximum: 600_000 } },
} as const;

const failureSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;

export function registerNumberOrderRoutes(app: FastifyInstance, desk: NumberOrderDesk): void {
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const address = request.socket.remoteAddress ?? '';
      if (!(address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'))) {
        return reply.code(403).send({ errors: [{ code: 'forbidden', title: 'The control API is local only' }] });
      }
    });
    scope.get('/sim/number-orders', async () => desk.settings);
    scope.put<{ Body: { completeAfterMs: number } }>(
      '/sim/number-orders',
      { schema: { body: settingsSchema } },
      async (request) => Object.assign(desk.settings, request.body),
    );
    scope.put<{ Params: { e164: string }; Body: { reason: string } }>(
      '/sim/number-orders/failures/:e164',
      {
        schema: {
          body: failureSchema,
          params: { type: 'object', properties: { e164: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' } } },
        },
      },
      async (request, reply) => {
        desk.failNext(request.params.e164, request.body.reason);
        return reply.code(204).send();
      },
    );
  });
}
