/**
 * The Telnyx simulator as a Fastify app: the `/v2` REST API, the local fault control plane (`/sim`),
 * the call engine (TeXML calls, signed callbacks, recordings; src/calls/plugin.ts), and the WebRTC
 * gateway `@telnyx/webrtc` logs in to (src/webrtc/).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { callEnginePlugin } from './calls/plugin';
import { FaultRegistry } from './faults/fault-registry';
import { registerFaultRoutes } from './faults/fault-routes';
import { newUuid } from './ids/telnyx-ids';
import { NumberOrderDesk } from './rest/number-order-desk';
import { registerNumberOrderRoutes } from './rest/number-order-routes';
import { restApi, type RecordedExchange } from './rest/rest-api';
import { AccountSigners } from './signing/account-signers';
import { registerSigningKeyRoutes } from './signing/signing-key-routes';
import type { WebhookSigner } from './signing/webhook-signer';
import type { SimState } from './state/sim-state';
import { webrtcGatewayPlugin } from './webrtc/gateway-plugin';

export interface SimulatorAppOptions {
  state: SimState;
  /** The root (manager) account's API key; created in `state` if missing. */
  rootApiKey: string;
  /** The root (manager) account's signing key; each managed account has its own. */
  signer: WebhookSigner;
  /** The simulator's own base URL (known once it listens), for URLs it hands out (recordings...). */
  publicUrl: () => string;
  faults?: FaultRegistry;
  logger?: boolean | object;
  /** Called with every `/v2` response sent (for spec-conformance checks). */
  onExchange?: (exchange: RecordedExchange) => void;
}

export async function buildSimulatorApp(options: SimulatorAppOptions): Promise<FastifyInstance> {
  // Held connections (timeout faults, call media) must not keep close() waiting.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  ensureRootAccount(options.state, options.rootApiKey);
  const faults = options.faults ?? new FaultRegistry();

  const numberOrders = new NumberOrderDesk(options.state);
  numberOrders.resumePending();
  app.addHook('onClose', async () => numberOrders.stop());

  const signers = new AccountSigners(options.state, options.signer);
  registerFaultRoutes(app, faults);
  registerNumberOrderRoutes(app, numberOrders);
  registerSigningKeyRoutes(app, options.state, signers);
  await app.register(restApi, {
    prefix: '/v2',
    state: options.state,
    faults,
    numberOrders,
    onExchange: options.onExchange,
  });
  await app.register(callEnginePlugin, {
    state: options.state,
    signer: options.signer,
    signers,
    publicUrl: options.publicUrl,
  });
  await app.register(webrtcGatewayPlugin, { engine: app.callEngine, state: options.state });
  return app;
}

function ensureRootAccount(state: SimState, apiKey: string): void {
  if (state.accountByApiKey(apiKey)) return;
  const id = newUuid();
  state.accounts.set(id, { id, apiKey, businessName: 'Simulator root account', isManager: true });
}
