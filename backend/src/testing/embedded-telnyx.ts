import { join } from 'node:path';
import { startTelnyxSimulator, type RunningSimulator } from '@curbe-voice/telnyx-sim';

export interface EmbeddedTelnyx {
  simulator: RunningSimulator;
  /** The variables that point a backend at the simulator, as a real deployment sets them for Telnyx. */
  environment: Record<string, string>;
}

/** A simulator on a free port keeping its state under `dataDir`, as embedded mode runs it. */
export async function startEmbeddedTelnyx(dataDir: string): Promise<EmbeddedTelnyx> {
  const simulator = await startTelnyxSimulator({ port: 0, logger: false, stateFile: join(dataDir, 'telnyx-sim.json') });
  return {
    simulator,
    environment: {
      TELNYX_API_KEY: simulator.rootApiKey,
      TELNYX_PUBLIC_KEY: simulator.webhookPublicKey,
      TELNYX_API_BASE_URL: simulator.apiBaseUrl,
      TELNYX_RTC_HOST: simulator.url.replace(/^http/, 'ws'),
      TELNYX_ICE_SERVERS: 'none',
      SEED_DEMO_ACCOUNT: 'true',
    },
  };
}
