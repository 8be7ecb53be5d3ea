import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectionRunner } from '@curbe-voice/projections';
import { withScratchDatabase } from '@curbe-voice/projections/orm/migration-tooling';
import { startTelnyxSimulator } from '@curbe-voice/telnyx-sim';
import {
  createLogger,
  CSRF_HEADER,
  DEMO_ACCOUNT_ID,
  loadConfig,
  type RunningServer,
  seedDemoAccount,
  startProjectionsWorker,
  startServer,
} from '@curbe-voice/backend';
import { freePort } from '../../support/free-port';

const logger = createLogger({ level: 'silent' });
const PASSWORD = 'worker-test-password';

/** Reads an SSE response until `predicate` holds for everything received so far. */
async function sseText(response: Response, predicate: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!predicate(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before the expected update; got:\n${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

async function signIn(server: RunningServer, email: string): Promise<Record<string, string>> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { [CSRF_HEADER]: '1' },
    payload: { email, password: PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies[0]!;
  return { cookie: `${cookie.name}=${cookie.value}`, [CSRF_HEADER]: '1' };
}

/**
 * Production layout in one process: one projections worker and two backend instances with
 * PROJECTIONS=external on one event store and one read-model database, Telnyx played by the simulator.
 */
async function scenario(databaseUrl: string | undefined): Promise<void> {
  const simulator = await startTelnyxSimulator({ port: 0, logger: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'curbe-worker-'));
  const result = loadConfig({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PROJECTIONS: 'external',
    TELNYX_API_KEY: simulator.rootApiKey,
    TELNYX_PUBLIC_KEY: simulator.webhookPublicKey,
    TELNYX_API_BASE_URL: simulator.apiBaseUrl,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const config = { ...result.config, port: 0, projectionsHealthPort: 0 };
  const noFrontend = join(dataDir, 'no-frontend');

  const closers: (() => Promise<void>)[] = [async () => simulator.close()];
  try {
    const worker = await startProjectionsWorker(config, { logger });
    closers.push(() => worker.close());
    const a = await startServer(config, { logger, frontendDir: noFrontend });
    closers.push(() => a.close());
    const b = await startServer(config, { logger, frontendDir: noFrontend });
    closers.push(() => b.close());
    // Neither backend projects: both follow the worker's checkpoints.
    expect(a.deps.projections).not.toBeInstanceOf(ProjectionRunner);
    expect(b.deps.projections).not.toBeInstanceOf(ProjectionRunner);

    const health = await fetch(worker.healthUrl!);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', eventStore: 'ok', readModels: 'ok' });

    // Written through A; the worker projects it; A waits for the worker's checkpoints.
    await seedDemoAccount(
      {
        accounts: a.deps.accounts,
        setPassword: (userId, password) => a.deps.passwords.setPassword(userId, password, { actor: 'system' }),
      },
      PASSWORD,
    );
    const last = (await a.deps.eventStore.readAll()).at(-1)!;
    await a.deps.projections.waitFor(last.position, 10_000);

    // Readable through B: sign in there (the user read model), and subscribe to B's live updates.
    const ana = await signIn(b, 'ana@demo.curbe.test');
    const controller = new AbortController();
    closers.push(async () => controller.abort());
    const stream = await fetch(`${b.url}/api/events/stream`, { headers: ana, signal: controller.signal });
    expect(stream.status).toBe(200);
    const received = sseText(stream, (text) => /event: activation\ndata: \{[^\n]*"status":"completed"/.test(text));

    // The activation is started by the admin through A (a session cookie is valid on every instance)…
    const admin = await signIn(b, 'admin@demo.curbe.test');
    const started = await a.app.inject({
      method: 'POST',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: admin,
    });
    expect(started.statusCode).toBe(202);

    // …and B's browser hears of every step, up to the completed activation, from rows the worker committed.
    const text = await received;
    expect(text).toContain(`"accountId":"${DEMO_ACCOUNT_ID}"`);
    const view = await b.app.inject({
      method: 'GET',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: ana,
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'completed' });
  } finally {
    for (const close of closers.reverse()) await close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('projections in their own process (PROJECTIONS=external)', () => {
  it('serve two backends on shared SQLite files: a write through A is read and pushed live through B', async () => {
    await scenario(undefined);
  });

  const databaseUrl = process.env.DATABASE_URL;
  it.skipIf(!databaseUrl)('do the same on PostgreSQL, with the migrations applied at start', async () => {
    await withScratchDatabase(databaseUrl!, (scratchUrl) => scenario(scratchUrl));
  });
});

describe('npm run projections', () => {
  it('starts from the environment, reports healthy on its own port and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'curbe-worker-main-'));
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../../backend/src/projections-worker.ts', import.meta.url))],
      {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PROJECTIONS: 'external',
          PROJECTIONS_HEALTH_PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      while (!stdout.includes('Projections worker running')) {
        if (child.exitCode !== null) throw new Error(`the worker exited early:\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
