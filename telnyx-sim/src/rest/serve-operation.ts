/**
 * Registers one spec operation as a route: the request is checked against the operation's request
 * schemas before the handler runs (422 in Telnyx's shape), and "fail after commit" faults replace the
 * handler's answer after its effects are stored.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaultRegistry } from '../faults/fault-registry';
import { sendFaultError } from '../faults/fault-response';
import { operationContract } from '../spec/operation-contracts';
import type { ServedOperationId } from '../spec/served-operations';
import type { SimAccount, SimState } from '../state/sim-state';
import { accountOf } from './api-key-auth';
import { TelnyxHttpError } from './telnyx-errors';

export type JsonObject = Record<string, unknown>;

export interface OperationContext<Body = JsonObject> {
  account: SimAccount;
  state: SimState;
  body: Body;
  /** Nested, type-coerced query parameters (`query.filter.tag`, `query.page.number`). */
  query: JsonObject;
  params: Record<string, string>;
}

export interface OperationResult {
  /** Defaults to the spec's success status for the operation. */
  status?: number;
  body: unknown;
  contentType?: string;
}

export interface RestDeps {
  state: SimState;
  faults: FaultRegistry;
}

export type OperationHandler<Body = JsonObject> = (
  ctx: OperationContext<Body>,
) => OperationResult | Promise<OperationResult>;

export function operationIdOf(request: FastifyRequest): ServedOperationId | undefined {
  return (request.routeOptions.config as { operationId?: ServedOperationId } | undefined)?.operationId;
}

export function serveOperation<Body = JsonObject>(
  app: FastifyInstance,
  deps: RestDeps,
  operationId: ServedOperationId,
  handler: OperationHandler<Body>,
): void {
  const contract = operationContract(operationId);
  app.route({
    method: contract.method,
    url: contract.specPath.replace(/\{([^}]+)\}/g, ':$1'),
    config: { operationId },
    handler: async (request, reply) => {
      const params = request.params as Record<string, string>;
      const checked = contract.checkRequest({ body: request.body, query: request.query as JsonObject, params });
      if (checked.issues.length > 0) {
        throw new TelnyxHttpError(
          422,
          checked.issues.map((issue) => ({
            code: '10015',
            title: 'Bad Request',
            detail: issue.detail,
            source: issue.pointer !== undefined ? { pointer: issue.pointer } : { parameter: issue.parameter ?? '' },
          })),
        );
      }
      const result = await handler({
        account: accountOf(request),
        state: deps.state,
        body: request.body as Body,
        query: checked.query,
        params,
      });
      const fault = deps.faults.take({ operationId, method: request.method, path: request.url }, 'after-commit');
      if (fault) return sendFaultError(fault, reply, fault.status ?? 500);
      reply.code(result.status ?? contract.successStatus);
      if (result.contentType) reply.type(result.contentType);
      return reply.send(result.body);
    },
  });
}
