import Telnyx from 'telnyx';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, startServer, type Config } from '@curbe-voice/backend';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-server-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function embeddedConfig(telnyx: EmbeddedTelnyx): Config {
  const result = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', ...telnyx.environment, LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return { ...result.config, port: 0 };
}

describe('startServer (embedded)', () => {
  it('listens, serves /health over HTTP with the simulator behind the SDK, and stops cleanly', async () => {
    const telnyx = await startEmbeddedTelnyx(dataDir);
    const server = await startServer(embeddedConfig(telnyx), { logger: createLogger({ level: 'silent' }) });
    let closed = false;
    try {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', eventStore: 'ok', readModels: 'ok' });

      expect(server.deps.telnyx.apiBaseUrl).toBe(telnyx.simulator.apiBaseUrl);
      const rootClient = new Telnyx({ apiKey: server.deps.telnyx.apiKey, baseURL: server.deps.telnyx.apiBaseUrl });
      const numbers = await rootClient.phoneNumbers.list();
      expect(numbers.data).toEqual([]);
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite']));

      await server.close();
      closed = true;
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      if (!closed) await server.close();
      await telnyx.simulator.close();
    }
  });
});
