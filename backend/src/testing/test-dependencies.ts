import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@curbe-voice/event-store';
import { createReadModelOrm, ProjectionRunner } from '@curbe-voice/projections';
import { buildFeatureServices } from '../composition-root';
import type { Dependencies, TelnyxDependencies } from '../dependencies';
import { LiveUpdateHub } from '../platform/live-updates/live-update-hub';
import { loadConfig } from '../platform/config/load-config';
import { createLogger } from '../platform/logging/create-logger';

/** The backend's dependencies over a fresh data directory, and how to let go of them. */
export interface TestDependencies {
  dataDir: string;
  deps: Dependencies;
  /** Closes the event store and the read models (even if a test closed them first) and deletes the data directory. */
  close(): Promise<void>;
}

/** Never answers: requests to it fail at once, so a route that does call Telnyx shows up as an error. */
const UNREACHABLE_TELNYX = 'http://127.0.0.1:9/v2';
const UNUSED_PUBLIC_KEY = Buffer.alloc(32).toString('base64');

/**
 * Everything the routes are given, built from the default configuration on an embedded event store and
 * empty read models, with a silent logger and no projectors. Telnyx is configured but unreachable: for
 * tests of routes that never talk to it.
 */
export async function openTestDependencies(name: string): Promise<TestDependencies> {
  const dataDir = mkdtempSync(join(tmpdir(), `curbe-voice-${name}-`));
  const result = loadConfig({
    DATA_DIR: dataDir,
    TELNYX_API_KEY: 'unused',
    TELNYX_PUBLIC_KEY: UNUSED_PUBLIC_KEY,
    TELNYX_API_BASE_URL: UNREACHABLE_TELNYX,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const { config } = result;
  const logger = createLogger({ level: 'silent' });
  const telnyx: TelnyxDependencies = {
    apiKey: 'unused',
    apiBaseUrl: UNREACHABLE_TELNYX,
    webhookPublicKey: UNUSED_PUBLIC_KEY,
    webrtc: {},
  };
  const eventStore = openEventStore({ dataDir });
  const readModels = await createReadModelOrm({ dataDir, entities: [] });
  const deps: Dependencies = {
    config,
    logger,
    eventStore,
    readModels,
    projections: new ProjectionRunner({ store: eventStore, orm: readModels, projectors: [] }),
    telnyx,
    liveUpdates: new LiveUpdateHub(),
    ...buildFeatureServices({ config, logger, eventStore, telnyx, dataDir }),
  };
  return {
    dataDir,
    deps,
    async close() {
      await eventStore.close().catch(() => {});
      await readModels.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
