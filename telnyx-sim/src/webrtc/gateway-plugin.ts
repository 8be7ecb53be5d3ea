import fastifyWebsocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { CallEngine } from '../calls/call-engine';
import type { SimState } from '../state/sim-state';
import { WebRtcGateway } from './webrtc-gateway';

/**
 * Mounts the WebRTC gateway on the simulator's server. `@telnyx/webrtc` given
 * `host: 'ws://HOST:PORT'` opens `ws://HOST:PORT/?voice_sdk_id=…`, so the socket lives at `/`.
 */

export interface WebRtcGatewayPluginOptions {
  engine: CallEngine;
  state: SimState;
}

declare module 'fastify' {
  interface FastifyInstance {
    webrtcGateway: WebRtcGateway;
  }
}

const plugin: FastifyPluginAsync<WebRtcGatewayPluginOptions> = async (app, options) => {
  const gateway = new WebRtcGateway(options.engine, options.state);
  options.engine.sipEndpoints = gateway;
  app.decorate('webrtcGateway', gateway);
  await app.register(fastifyWebsocket);
  app.get('/', { websocket: true }, (socket) => gateway.accept(socket));
  app.addHook('onClose', async () => gateway.close());
};

// Not encapsulated, so `app.webrtcGateway` is visible to the app that registers it.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const webrtcGatewayPlugin = plugin;
