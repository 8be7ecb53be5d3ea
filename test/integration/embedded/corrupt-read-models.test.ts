import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';
import { type Application, composeApplication, createLogger, CSRF_HEADER, loadConfig } from '@curbe-voice/backend';

let dataDir: string;
let telnyx: EmbeddedTelnyx | undefined;
const open: Application[] = [];
const logLines: string[] = [];
const logger = createLogger({
  level: 'error',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
});

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-corrupt-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((application) => application.close()));
  await telnyx?.simulator.close();
  telnyx = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function compose(): Promise<Application> {
  telnyx = await startEmbeddedTelnyx(dataDir);
  const result = loadConfig({ DATA_DIR: dataDir, ...telnyx.environment, DEMO_PASSWORD: 'demo-password-1' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const application = await composeApplication(result.config, { logger, frontendDir: join(dataDir, 'none') });
  open.push(application);
  return application;
}

async function signIn(application: Application): Promise<number> {
  const last = (await application.deps.eventStore.readAll()).at(-1);
  if (last) await application.deps.projections.waitFor(last.position, 10_000);
  const response = await application.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { [CSRF_HEADER]: '1' },
    payload: { email: 'admin@demo.curbe.test', password: 'demo-password-1' },
  });
  return response.statusCode;
}

describe('the embedded backend with a corrupt read-model file', () => {
  it('starts, moves the file aside with an error naming it, and rebuilds the read models from the store', async () => {
    const first = await compose();
    expect(await signIn(first)).toBe(200);
    open.splice(0);
    await first.close();
    await telnyx?.simulator.close();
    writeFileSync(join(dataDir, 'read-models.sqlite'), 'garbage '.repeat(1000));
    rmSync(join(dataDir, 'read-models.sqlite-wal'), { force: true });
    rmSync(join(dataDir, 'read-models.sqlite-shm'), { force: true });

    const second = await compose();
    // Sign-in reads the users read model: rebuilt from the events.
    expect(await signIn(second)).toBe(200);
    expect(readdirSync(dataDir).some((name) => name.startsWith('read-models.sqlite.corrupt-'))).toBe(true);
    expect(logLines.join('')).toContain('cannot be opened: moved it to');
  });
});
