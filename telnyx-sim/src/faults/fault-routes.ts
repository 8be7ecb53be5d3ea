/**
 * The local control plane for injected faults (`/sim/faults`, outside `/v2`). No API key: it is meant
 * for tests on the same machine, so requests from anything but the loopback interface are refused.
 */
import type { FastifyInstance } from 'fastify';
import type { FaultRegistry, FaultSpec } from './fault-registry';

const faultSpecSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    operationId: { type: 'string', minLength: 1 },
    method: {
      type: 'string',
      enum: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'get', 'post', 'patch', 'put', 'delete'],
    },
    path: { type: 'string', pattern: '^/' },
    status: { type: 'integer', anyOf: [{ minimum: 500, maximum: 599 }, { const: 429 }] },
    retry_after: { type: 'number', minimum: 0 },
    times: { anyOf: [{ type: 'integer', minimum: 1 }, { const: 'always' }] },
    latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    timeout: { type: 'boolean' },
    failAfterCommit: { type: 'boolean' },
  },
  anyOf: [{ required: ['operationId'] }, { required: ['method'] }, { required: ['path'] }],
} as const;

export function registerFaultRoutes(app: FastifyInstance, faults: FaultRegistry): void {
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!isLoopback(request.socket.remoteAddress)) {
        return reply.code(403).send({ errors: [{ code: 'forbidden', title: 'The fault control API is local only' }] });
      }
    });
    scope.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
      reply.code(error.statusCode && error.statusCode < 500 ? error.statusCode : 500).send({
        errors: [{ code: 'invalid_fault', title: 'Invalid fault', detail: error.message }],
      });
    });

    scope.post<{ Body: FaultSpec }>('/sim/faults', { schema: { body: faultSpecSchema } }, async (request, reply) => {
      const spec = request.body;
      if (spec.status === undefined && !spec.latencyMs && !spec.timeout && !spec.failAfterCommit) {
        return reply.code(400).send({
          errors: [
            {
              code: 'invalid_fault',
              title: 'Invalid fault',
              detail: 'Give at least one of status, latencyMs, timeout, failAfterCommit.',
            },
          ],
        });
      }
      return reply.code(201).send({ data: faults.add(spec) });
    });
    scope.get('/sim/faults', async () => ({ data: faults.list() }));
    scope.delete('/sim/faults', async (_request, reply) => {
      faults.clear();
      return reply.code(204).send();
    });
    scope.delete<{ Params: { id: string } }>('/sim/faults/:id', async (request, reply) =>
      faults.remove(request.params.id)
        ? reply.code(204).send()
        : reply.code(404).send({ errors: [{ code: 'not_found', title: 'No such fault' }] }),
    );
  });
}

function isLoopback(address: string | undefined): boolean {
  return (
    address === '127.0.0.1' ||
    address === '::1' ||
    address === '::ffff:127.0.0.1' ||
    (address?.startsWith('127.') ?? false)
  );
}
