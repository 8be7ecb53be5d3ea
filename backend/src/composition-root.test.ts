import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
/** Never called in these tests: composing builds the Telnyx client but sends nothing. */
const UNUSED_TELNYX = {
  TELNYX_API_KEY: 'unused',
  TELNYX_PUBLIC_KEY: Buffer.alloc(32).toString('base64'),
  TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
};

describe('composeApplication', () => {
  it('closes what it already started when a later part fails', async () => {
    const deadPostgresPort = await listenOnce();
    const result = loadConfig({
      DATA_DIR: dataDir,
      ...UNUSED_TELNYX,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${deadPostgresPort}/nothing`,
    });
    if (!result.ok) throw new Error(result.errors.join('; '));

    await expect(composeApplication(result.config, { logger })).rejects.toThrow();
    // The event store was opened before the read models failed; closing it checkpoints and removes its WAL.
    expect(readdirSync(dataDir)).toContain('events.sqlite');
    expect(readdirSync(dataDir)).not.toContain('events.sqlite-wal');
  });

  it('closes everything once, however often close is called', async () => {
    const result = loadConfig({ DATA_DIR: dataDir, ...UNUSED_TELNYX });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const application = await composeApplication(result.config, { logger, frontendDir: join(dataDir, 'none') });

    await Promise.all([application.close(), application.close()]);
    await expect(application.deps.eventStore.ping()).rejects.toThrow();
    expect(await application.deps.readModels.isConnected()).toBe(false);
  });
});
