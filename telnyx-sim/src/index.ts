/** Public entry point of the Telnyx simulator package. */
import type { AddressInfo } from 'node:net';
import { buildSimulatorApp } from './app';
import { newApiKey } from './ids/telnyx-ids';
import { openPersistedWorld } from './persistence/persisted-world';
import type { RecordedExchange } from './rest/rest-api';
import { WebhookSigner } from './signing/webhook-signer';
import { SimState } from './state/sim-state';

export { buildSimulatorApp, type SimulatorAppOptions } from './app';
export { verifyTelephonyToken, type TelephonyTokenClaims } from './rest/telephony-tokens';
export type { RecordedExchange } from './rest/rest-api';
export type { FaultSpec, Fault } from './faults/fault-registry';
export { SimState } from './state/sim-state';
export { StateFileError } from './persistence/persisted-world';

export interface StartSimulatorOptions {
  /** Default 3100; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  rootApiKey?: string;
  logger?: boolean | object;
  onExchange?: (exchange: RecordedExchange) => void;
  /**
   * JSON file that keeps accounts, resources, the root API key and the signing keys across restarts
   * (created when absent). Without it the simulator forgets everything when it stops.
   */
  stateFile?: string;
}

export interface RunningSimulator {
  /** http://host:port */
  url: string;
  /** url + '/v2' (what the official SDK takes as `baseURL`). */
  apiBaseUrl: string;
  rootApiKey: string;
  /** Base64 of the raw 32-byte Ed25519 key webhooks are signed with. */
  webhookPublicKey: string;
  state: SimState;
  close(): Promise<void>;
}

export async function startTelnyxSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const persisted = options.stateFile
    ? await openPersistedWorld({ path: options.stateFile, rootApiKey: options.rootApiKey })
    : undefined;
  const state = persisted?.state ?? new SimState();
  const signer = persisted?.signer ?? WebhookSigner.generate();
  const rootApiKey = persisted?.rootApiKey ?? options.rootApiKey ?? newApiKey();
  let url = '';
  const app = await buildSimulatorApp({
    state,
    rootApiKey,
    signer,
    publicUrl: () => url,
    logger: options.logger,
    onExchange: options.onExchange,
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await persisted?.saveNow();
    await app.listen({ port: options.port ?? 3100, host });
  } catch (error) {
    await app.close();
    await persisted?.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    apiBaseUrl: `${url}/v2`,
    rootApiKey,
    webhookPublicKey: signer.publicKeyBase64,
    state,
    close: async () => {
      await app.close();
      await persisted?.close();
    },
  };
}
