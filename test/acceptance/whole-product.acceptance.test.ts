import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANA_NUMBER, CUSTOMER, createCallFixture, type CallFixture, type DemoUser } from '../support/call-fixture';
import { startEmbeddedTelnyx } from '../support/embedded-telnyx';
import {
  composeApplication,
  createLogger,
  DEMO_ACCOUNT_ID,
  loadConfig,
  projectors,
  type Application,
} from '@curbe-voice/backend';

/**
 * The embedded product after a working day: activated, numbers bought and assigned, calls answered,
 * missed and placed, recordings stored, users signed in. Then two promises are checked across all of it:
 * no secret ever leaves in a response, a log line or an event's plain fields, and the read models are
 * disposable — dropped and replayed from the store, they come back identical.
 */

let fx: CallFixture;
let dataDir: string;
const logLines: string[] = [];
const responses: string[] = [];

const sipOf = (username: string) => `sip:${username}@sip.telnyx.com`;

async function api(user: DemoUser, url: string): Promise<unknown> {
  const cookie = await fx.signIn(user);
  const response = await fx.server.app.inject({ method: 'GET', url, headers: { cookie } });
  responses.push(response.body);
  expect(response.statusCode, `${user} GET ${url}`).toBe(200);
  return response.json();
}

beforeAll(async () => {
  const logs = new PassThrough();
  logs.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  fx = await createCallFixture({ logDestination: logs, demoPassword: 'a-private-demo-password' });
  dataDir = fx.server.deps.config.dataDir;
  await fx.settings({ timeScale: 0.01 });

  await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'answer', answerAfterMs: 500, hangupAfterMs: 3000 });
  await fx.settled(await fx.placeInbound(CUSTOMER, ANA_NUMBER));
  await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'no-answer' });
  await fx.settled(await fx.placeInbound('+17735550199', ANA_NUMBER));
  await fx.callee('+13055550123', { behaviour: 'answer', answerAfterMs: 200, hangupAfterMs: 2000 });
  const outbound = await fx.placeOutbound(fx.anaSipUsername, '+13055550123');
  await fx.settled(outbound);
  await fx.historyRowWhen(outbound, (row) => row.recordingStored);
  await fx.caughtUp();

  const accountUrl = `/api/accounts/${DEMO_ACCOUNT_ID}`;
  await api('ana', '/api/auth/me');
  await api('ana', '/api/voice/credentials');
  await api('ana', '/api/calls');
  await api('ana', `${accountUrl}/activation`);
  await api('ana', `${accountUrl}/numbers`);
  await api('audrey', `/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`);
  await api(
    'audrey',
    `/api/audit/accounts/${DEMO_ACCOUNT_ID}/state?at=${encodeURIComponent(new Date().toISOString())}`,
  );
  await api('audrey', `/api/audit/accounts/${DEMO_ACCOUNT_ID}/verify`);
  await api('audrey', '/api/calls');
}, 120_000);

afterAll(async () => {
  await fx?.close();
});

describe('secrets', () => {
  it('never appear in an API response, a log line or an event’s plain fields', async () => {
    const { deps } = fx.server;
    const account = (await deps.accounts.get(DEMO_ACCOUNT_ID))!;
    const accountKey = deps.accounts.openApiKey(account);
    const telnyx = new Telnyx({ apiKey: accountKey, baseURL: deps.telnyx.apiBaseUrl, maxRetries: 0 });
    const sipPasswords = (await telnyx.telephonyCredentials.list()).data.map((credential) => credential.sip_password!);
    expect(sipPasswords.length).toBeGreaterThanOrEqual(2);

    const keyFile = JSON.parse(readFileSync(join(dataDir, 'secret-keys.json'), 'utf8')) as { keys: { key: string }[] };
    const secrets: Record<string, string[]> = {
      'SIP password': sipPasswords,
      'managed account API key': [accountKey],
      'root API key': [deps.telnyx.apiKey],
      'encryption key': keyFile.keys.map((key) => key.key),
      'session secret': readFileSync(join(dataDir, 'session-secret'), 'utf8').trim().split(','),
      'demo password': [deps.config.demoPassword],
    };

    const events = (await deps.eventStore.readAll({ maxCount: 100_000 })).map((event) =>
      JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata }),
    );
    expect(events.length).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(20);
    expect(responses.length).toBeGreaterThan(8);

    const places = { 'API responses': responses, 'log lines': logLines, events };
    const leaks: string[] = [];
    for (const [secretName, values] of Object.entries(secrets)) {
      for (const value of values) {
        expect(value.length).toBeGreaterThanOrEqual(8);
        for (const [placeName, texts] of Object.entries(places)) {
          if (texts.some((text) => text.includes(value))) leaks.push(`${secretName} in ${placeName}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('read models', () => {
  it('are rebuilt identically from the store after being dropped', async () => {
    const before = await snapshotReadModels(fx.server);
    // Every table has rows but the disabled members of routing: the demo disables nobody.
    const empty = Object.entries(before).filter(([, rows]) => rows.length === 0);
    expect(empty.map(([name]) => name)).toEqual(['RoutingDisabledMember']);

    await fx.server.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `read-models.sqlite${suffix}`), { force: true });

    // Embedded mode again on the same data directory: the simulator back on its state file, then the backend.
    const telnyx = await startEmbeddedTelnyx(dataDir);
    const config = loadConfig({
      DATA_DIR: dataDir,
      ...telnyx.environment,
      LOG_LEVEL: 'silent',
      DEMO_PASSWORD: fx.server.deps.config.demoPassword,
    });
    if (!config.ok) throw new Error(config.errors.join('; '));
    const rebuilt = await composeApplication(config.config, {
      logger: createLogger({ level: 'silent' }),
      frontendDir: join(dataDir, 'no-frontend'),
    });
    try {
      const head = (await rebuilt.deps.eventStore.readAll({ maxCount: 100_000 })).at(-1)!;
      await rebuilt.deps.projections.waitFor(head.position, 30_000);
      expect(await snapshotReadModels(rebuilt)).toEqual(before);
    } finally {
      await rebuilt.close();
      await telnyx.simulator.close();
    }
  });
});

/** Every row of every projector's tables, in a stable order. */
async function snapshotReadModels(application: Pick<Application, 'deps'>): Promise<Record<string, string[]>> {
  const em = application.deps.readModels.em.fork();
  const snapshot: Record<string, string[]> = {};
  for (const entity of projectors.flatMap((projector) => projector.entities)) {
    const name = entity.meta.className;
    const rows = await em.find(name, {});
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}
