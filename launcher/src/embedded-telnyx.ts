import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTelnyxSimulator, type RunningSimulator } from '@curbe-voice/telnyx-sim';

export interface EmbeddedTelnyxOptions {
  /** The backend's DATA_DIR: the simulator keeps its state file there, beside the backend's data. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The simulator's root API key; made up on first start (then kept in the state file) when unset. */
  rootApiKey?: string;
  /** pino options for the simulator's own log, or false for none. */
  logger?: false | object;
}

export interface EmbeddedTelnyx {
  simulator: RunningSimulator;
  /**
   * The variables that point a backend at the simulator: the same ones a real deployment sets for
   * Telnyx, plus the demo account so the product can be tried at once.
   */
  environment: Record<string, string>;
}

/** The Telnyx simulator as embedded mode runs it: on 127.0.0.1, its state kept under the data directory. */
export async function startEmbeddedTelnyx(options: EmbeddedTelnyxOptions): Promise<EmbeddedTelnyx> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const simulator = await startTelnyxSimulator({
    port: options.port,
    logger: options.logger ?? false,
    ...(options.rootApiKey ? { rootApiKey: options.rootApiKey } : {}),
    // Like the real Telnyx, it keeps the accounts and keys the backend holds across restarts.
    stateFile: resolve(dataDir, 'telnyx-sim.json'),
  });
  return { simulator, environment: backendEnvironmentFor(simulator) };
}

/** TELNYX_* for a backend working against `simulator`, and the demo account seeded. */
export function backendEnvironmentFor(simulator: RunningSimulator): Record<string, string> {
  return {
    TELNYX_API_KEY: simulator.rootApiKey,
    TELNYX_PUBLIC_KEY: simulator.webhookPublicKey,
    TELNYX_API_BASE_URL: simulator.apiBaseUrl,
    // The simulator serves its WebRTC gateway at its root; browsers reach it directly, without STUN/TURN.
    TELNYX_RTC_HOST: simulator.url.replace(/^http/, 'ws'),
    TELNYX_ICE_SERVERS: 'none',
    SEED_DEMO_ACCOUNT: 'true',
  };
}
