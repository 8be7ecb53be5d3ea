import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApplication } from './composition-root';
import { loadConfig } from './platform/config/load-config';
import { createLogger } from './platform/logging/create-logger';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-compose-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Resolves with a port nobody listens on, or checks that one is free again. */
async function listenOnce(port = 0): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening, failed) => {
    probe.once('error', failed);
    probe.listen(port, '127.0.0.1', listening);
  });
  const address = probe.address();
  await new Promise<void>((closed) => probe.close(() => closed()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const logger = createLogger({ level: 'silent' });

describe('composeApplication', () => {
  it('closes what it already started when a later part fails', async () => {
    const simulatorPort = await listenOnce();
    const deadPostgresPort = await listenOnce();
    const result = loadConfig({
      DATA_DIR: dataDir,
      TELNYX_SIM_PORT: String(simulatorPort),
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${deadPostgresPort}/nothing`,
    });
    if (!result.ok) throw new Error(result.errors.join('; '));

    await expect(composeApplication(result.config, { logger })).rejects.toThrow();
    // The simulator was started before the read models failed; its port must be free again.
    await expect(listenOnce(simulatorPort)).resolves.toBe(simulatorPort);
  });

  it('closes everything once, however often close is called', async () => {
    const result = loadConfig({ DATA_DIR: dataDir, TELNYX_SIM_PORT: '0' });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const application = await composeApplication(result.config, { logger, frontendDir: join(dataDir, 'none') });
    const simulatorUrl = application.deps.telnyx.apiBaseUrl;

    await Promise.all([application.close(), application.close()]);
    await expect(application.deps.eventStore.ping()).rejects.toThrow();
    await expect(fetch(`${simulatorUrl}/phone_numbers`)).rejects.toThrow();
  });
});
