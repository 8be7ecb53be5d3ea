/**
 * The `/v2` REST API: faults first (so a failed call changes nothing), then the bearer API key, then
 * the operation's own request validation and handler (src/rest/serve-operation.ts).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { applyFaultBeforeHandler } from '../faults/fault-response';
import type { ServedOperationId } from '../spec/served-operations';
import { authenticate } from './api-key-auth';
import { registerAvailablePhoneNumbers } from './available-phone-numbers';
import { registerCredentialConnections } from './credential-connections';
import { registerManagedAccounts } from './managed-accounts';
import type { NumberOrderDesk } from './number-order-desk';
import { registerNumberOrders } from './number-orders';
import { registerOutboundVoiceProfiles } from './outbound-voice-profiles';
import { registerPhoneNumbers } from './phone-numbers';
import { operationIdOf, type RestDeps } from './serve-operation';
import { registerTelephonyCredentials } from './telephony-credentials';
import { registerTexmlApplications } from './texml-applications';
import { errorBody, notFound, TelnyxHttpError } from './telnyx-errors';

/** One answered API call, as the client saw it (used to check responses against the spec). */
export interface RecordedExchange {
  operationId: ServedOperationId;
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

export interface RestApiOptions extends RestDeps {
  numberOrders: NumberOrderDesk;
  onExchange?: (exchange: RecordedExchange) => void;
}

export const restApi: FastifyPluginAsync<RestApiOptions> = async (app: FastifyInstance, options) => {
  const deps: RestDeps = { state: options.state, faults: options.faults };

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof TelnyxHttpError) {
      return reply.code(error.status).headers(error.headers).send(errorBody(error.errors));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, unsupported content type, oversized body: the request never reached validation.
      return reply
        .code(error.statusCode)
        .send(errorBody([{ code: '10015', title: 'Bad Request', detail: error.message }]));
    }
    request.log.error({ err: error }, 'simulator REST handler failed');
    return reply.code(500).send(errorBody([{ code: '10007', title: 'Unexpected error', detail: error.message }]));
  });
  app.setNotFoundHandler((_request, reply) => {
    const error = notFound('No such API endpoint.');
    return reply.code(404).send(errorBody(error.errors));
  });

  app.addHook('onRequest', async (request, reply) => {
    const fault = options.faults.take(
      { operationId: operationIdOf(request), method: request.method, path: request.url },
      'before-handler',
    );
    if (fault && (await applyFaultBeforeHandler(fault, request, reply))) return reply;
    authenticate(options.state, request);
  });

  if (options.onExchange) {
    const record = options.onExchange;
    app.addHook('onSend', async (request, reply, payload) => {
      const operationId = operationIdOf(request);
      if (!operationId) return payload;
      const contentType = reply.getHeader('content-type')?.toString();
      const text =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
      let body: unknown = text;
      if (text !== undefined && contentType?.includes('json')) body = JSON.parse(text);
      record({ operationId, method: request.method, url: request.url, status: reply.statusCode, contentType, body });
      return payload;
    });
  }

  registerManagedAccounts(app, deps);
  registerOutboundVoiceProfiles(app, deps);
  registerTexmlApplications(app, deps);
  registerCredentialConnections(app, deps);
  registerTelephonyCredentials(app, deps);
  registerPhoneNumbers(app, deps);
  registerAvailablePhoneNumbers(app, deps, options.numberOrders);
  registerNumberOrders(app, deps, options.numberOrders);
};
