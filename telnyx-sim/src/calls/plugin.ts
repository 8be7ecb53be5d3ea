import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { registerRecordingRoutes } from '../recordings/recording-routes';
import type { AccountSigners } from '../signing/account-signers';
import type { WebhookSigner } from '../signing/webhook-signer';
import type { SimState } from '../state/sim-state';
import { CallEngine } from './call-engine';
import type { SipEndpointRegistry } from './dial-legs';
import { parseCalleeBody, parseInboundCallBody, parseOutboundCallBody, parseSettingsBody } from './request-bodies';
import { notFound, SimRequestError } from './telnyx-errors';

/**
 * The call engine's control API under `/sim`: place inbound calls, script callees, tune the
 * simulation, inspect call timelines and download recordings.
 */

export interface CallEnginePluginOptions {
  state: SimState;
  signer: WebhookSigner;
  signers?: AccountSigners;
  publicUrl: () => string;
  /** An engine created by the caller (to share it with the WebRTC gateway); else one is made. */
  engine?: CallEngine;
  sipEndpoints?: SipEndpointRegistry;
}

declare module 'fastify' {
  interface FastifyInstance {
    callEngine: CallEngine;
  }
}

const plugin: FastifyPluginAsync<CallEnginePluginOptions> = async (app, options) => {
  const engine =
    options.engine ??
    new CallEngine({
      state: options.state,
      signer: options.signer,
      signers: options.signers,
      publicUrl: options.publicUrl,
      sipEndpoints: options.sipEndpoints,
    });
  app.decorate('callEngine', engine);
  app.addHook('onClose', async () => engine.close());
  registerCallRoutes(app, engine);
  registerRecordingRoutes(app, engine.recordings);
};

// Not encapsulated (what fastify-plugin does), so `app.callEngine` is visible to the app that registers it.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const callEnginePlugin = plugin;

function registerCallRoutes(app: FastifyInstance, engine: CallEngine): void {
  app.post('/sim/calls/inbound', (request, reply) =>
    respond(reply, () => {
      const body = parseInboundCallBody(request.body);
      reply.code(201);
      return { call_sid: engine.startInbound(body).callSid };
    }),
  );

  // What a web phone does when its user dials out: the call is parked and the credential
  // connection's webhook_event_url decides (for tests that have no browser).
  app.post('/sim/calls/outbound', (request, reply) =>
    respond(reply, () => {
      const body = parseOutboundCallBody(request.body);
      reply.code(201);
      return {
        call_sid: engine.placeOutboundFromCredential({
          sipUsername: body.sip_username,
          to: body.to,
          callerIdName: body.caller_id_name,
          voicemailMs: body.voicemailMs,
        }).callSid,
      };
    }),
  );

  app.get('/sim/calls', async () => ({ data: engine.list() }));

  app.get<{ Params: { sid: string } }>('/sim/calls/:sid', (request, reply) =>
    respond(reply, () => engine.get(request.params.sid) ?? throwNotFound(`call ${request.params.sid} not found`)),
  );

  app.post<{ Params: { sid: string } }>('/sim/calls/:sid/hangup', (request, reply) =>
    respond(reply, () => {
      const call = engine.get(request.params.sid) ?? throwNotFound(`call ${request.params.sid} not found`);
      const hungUp = engine.hangup(call.call_sid);
      return { call_sid: call.call_sid, hung_up: hungUp };
    }),
  );

  app.get('/sim/callees', async () => ({ data: Object.fromEntries(engine.callees.entries()) }));

  app.put<{ Params: { target: string } }>('/sim/callees/:target', (request, reply) =>
    respond(reply, () => ({
      target: request.params.target,
      ...engine.callees.set(request.params.target, parseCalleeBody(request.body)),
    })),
  );

  app.delete<{ Params: { target: string } }>('/sim/callees/:target', async (request, reply) => {
    engine.callees.delete(request.params.target);
    return reply.code(204).send();
  });

  app.get('/sim/settings', async () => engine.settings);

  app.put('/sim/settings', (request, reply) =>
    respond(reply, () => engine.updateSettings(parseSettingsBody(request.body))),
  );
}

async function respond(reply: FastifyReply, handler: () => unknown): Promise<unknown> {
  try {
    return handler();
  } catch (error) {
    if (error instanceof SimRequestError) return reply.code(error.statusCode).send(error.body);
    throw error;
  }
}

function throwNotFound(detail: string): never {
  throw notFound(detail);
}
