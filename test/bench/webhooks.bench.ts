/**
 * Webhook throughput: signed TeXML webhooks through the whole backend (verify the Ed25519 signature,
 * parse the form, look up the route, append to the call's stream, render TeXML) beside a bare Fastify
 * route on the same machine, in the same run, driven the same way.
 *
 *   npm run bench:webhooks              # ~30 s
 *   npm run bench:webhooks -- 0.5       # scale the phase durations (also WEBHOOK_BENCH_SCALE)
 *
 * Two loads per target: a fixed rate (latency measured from when each request was due, so a stall is
 * not hidden) and saturation (a fixed number of connections sending back to back). Every request
 * body is signed before the run starts, so the client spends no time signing. Client and server
 * share one process and the machine's cores: the ratio to the bare route is the figure to read.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { composeApplication, createLogger, loadConfig } from '@curbe-voice/backend';
import type { NewEvent } from '@curbe-voice/event-store';
import { httpLoad, percentile, type PreparedRequest } from './http-load';

const scale = Number(process.argv[2] ?? process.env.WEBHOOK_BENCH_SCALE ?? 1);
if (!Number.isFinite(scale) || scale <= 0 || scale > 2) {
  console.error(`Scale must be a number in (0, 2], got ${process.argv[2] ?? process.env.WEBHOOK_BENCH_SCALE}`);
  process.exit(1);
}
const FIXED_RATE_PER_SEC = 200;
const FIXED_SECONDS = 3 * scale;
const SATURATION_SECONDS = 4 * scale;
const CONNECTIONS = 16;
/** Upper bound of requests one saturation phase can send (bodies are signed up front). */
const MAX_SATURATION_REQUESTS = Math.ceil(4000 * SATURATION_SECONDS);

const NUMBER = '+13125550101';
const ACCOUNT = 'bench-account';
/** The Telnyx managed account webhooks name in `AccountSid`: verified against its keys or ours. */
const TELNYX_ACCOUNT = 'bench-telnyx-account';
const AGENT = 'bench-agent';

const driver = httpLoad(CONNECTIONS);

// ---- signing, as Telnyx does it ----

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyBase64 = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');

function signed(body: string): PreparedRequest {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      'telnyx-timestamp': timestamp,
      'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64'),
    },
  };
}

const inboundBody = (callSid: string) =>
  new URLSearchParams({
    AccountSid: TELNYX_ACCOUNT,
    CallSid: callSid,
    CallSidLegacy: callSid,
    From: '+17735550100',
    To: NUMBER,
    ConnectionId: 'bench-connection',
    ApiVersion: '2010-04-01',
    CallStatus: 'ringing',
  }).toString();

const statusBody = (callSid: string) =>
  new URLSearchParams({
    AccountSid: TELNYX_ACCOUNT,
    CallSid: callSid,
    CallSidLegacy: callSid,
    CallStatus: 'completed',
    CallbackSource: 'call-progress-events',
    ConnectionId: 'bench-connection',
    From: '+17735550100',
    To: NUMBER,
    SequenceNumber: '4',
    Timestamp: new Date().toISOString(),
    CallInitiatedAt: new Date().toISOString(),
    CallDuration: '42',
    HangupCause: 'normal_clearing',
  }).toString();

// ---- the system under test ----

async function startBackend() {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'curbe-webhook-bench-'));
  const result = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'https://voice.example.test',
    // Production mode with our own signing key: nothing here calls Telnyx.
    TELNYX_API_KEY: 'bench-key',
    TELNYX_PUBLIC_KEY: publicKeyBase64,
    TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const application = await composeApplication(result.config, {
    logger: createLogger({ level: 'silent' }),
    frontendDir: join(dataDir, 'none'),
  });
  const { eventStore, projections } = application.deps;

  // The agency the webhooks name, registered on an existing managed account (nothing asks Telnyx).
  await application.deps.accounts.register(
    { name: 'Bench Agency', accountId: ACCOUNT, telnyx: { telnyxAccountId: TELNYX_ACCOUNT, apiKey: 'unused' } },
    { actor: 'system' },
  );
  // The routing read model needs a number held by an agent with a SIP identity.
  const meta = {
    actor: 'system',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  const event = (type: string, data: object): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });
  await eventStore.appendToStream(
    `number-${NUMBER}`,
    [
      event('NumberOrdered', {
        accountId: ACCOUNT,
        phoneNumber: NUMBER,
        phoneNumberId: 'pn-1',
        numberOrderId: 'no-1',
        adopted: false,
      }),
      event('NumberAssignedToAgent', { accountId: ACCOUNT, phoneNumber: NUMBER, agentId: AGENT }),
    ],
    { expectedRevision: 'no_stream' },
  );
  const sealed = { keyId: 'k', iv: 'aXY=', ciphertext: 'eA==', tag: 'dGFn' };
  const last = await eventStore.appendToStream(
    `agent-${AGENT}`,
    [
      event('TelephonyCredentialCreated', {
        userId: AGENT,
        accountId: ACCOUNT,
        credentialId: 'cred-1',
        connectionId: 'conn-1',
        sipUsername: 'benchagent',
        sipPassword: sealed,
        adopted: false,
      }),
    ],
    { expectedRevision: 'no_stream' },
  );
  await projections.waitFor(last.position, 10_000);

  await application.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = application.app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    eventCount: async () => (await eventStore.readAll({ filter: { streamNamePrefixes: ['call-'] } })).length,
    async close() {
      await application.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The floor: Fastify answering a constant TeXML document for a raw form body, nothing else. */
async function startBare() {
  const app = Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/bare', async (_request, reply) =>
    reply.type('application/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/bare`), close: () => app.close() };
}

// ---- run ----

interface Row {
  target: string;
  load: string;
  sent: number;
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  appended: number | null;
}

async function main() {
  const backend = await startBackend();
  const bare = await startBare();
  const rows: Row[] = [];
  const fixedCount = Math.round(FIXED_RATE_PER_SEC * FIXED_SECONDS);
  const callSids = (n: number) => Array.from({ length: n }, () => `v3:bench-${randomUUID()}`);

  const targets: { name: string; url: URL; body: (callSid: string) => string; countsEvents: boolean }[] = [
    { name: 'bare Fastify route', url: bare.url, body: inboundBody, countsEvents: false },
    {
      name: 'inbound webhook',
      url: new URL(`${backend.base}/webhooks/telnyx/inbound`),
      body: inboundBody,
      countsEvents: true,
    },
    {
      name: 'status callback',
      url: new URL(`${backend.base}/webhooks/telnyx/status`),
      body: statusBody,
      countsEvents: true,
    },
  ];

  // Warm-up: JIT, connection pool, SQLite page cache.
  for (const target of targets)
    await driver.sendAll(
      target.url,
      callSids(300).map((sid) => signed(target.body(sid))),
    );

  for (const target of targets) {
    for (const load of ['fixed', 'saturation'] as const) {
      const count = load === 'fixed' ? fixedCount : target.countsEvents ? MAX_SATURATION_REQUESTS : 1000;
      const requests = callSids(count).map((sid) => signed(target.body(sid)));
      const before = target.countsEvents ? await backend.eventCount() : 0;
      const result =
        load === 'fixed'
          ? await driver.fixedRate(target.url, requests, FIXED_RATE_PER_SEC)
          : await driver.saturation(target.url, requests, SATURATION_SECONDS, !target.countsEvents);
      const appended = target.countsEvents ? (await backend.eventCount()) - before : null;
      rows.push({
        target: target.name,
        load: load === 'fixed' ? `${FIXED_RATE_PER_SEC}/s fixed` : `saturation (${CONNECTIONS} conn)`,
        sent: result.sent,
        ok: result.ok,
        rps: result.ok / result.seconds,
        p50: percentile(result.latenciesMs, 50),
        p99: percentile(result.latenciesMs, 99),
        appended,
      });
    }
  }

  // Redelivery: the same signed status callbacks again append nothing.
  const redelivered = callSids(500).map((sid) => signed(statusBody(sid)));
  const statusUrl = new URL(`${backend.base}/webhooks/telnyx/status`);
  await driver.sendAll(statusUrl, redelivered);
  const beforeDuplicates = await backend.eventCount();
  const duplicates = await driver.sendAll(statusUrl, redelivered);
  const appendedByDuplicates = (await backend.eventCount()) - beforeDuplicates;

  await bare.close();
  await backend.close();
  driver.close();
  report(rows, { sent: redelivered.length, ok: duplicates, appended: appendedByDuplicates });
}

function report(rows: Row[], duplicates: { sent: number; ok: number; appended: number }) {
  const cpus = os.cpus();
  console.log('Webhook benchmark: signed TeXML webhooks through the backend vs a bare Fastify route');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.arch()}, node ${process.version}; client in the same process`,
  );
  console.log('');
  const bareSaturation = rows.find(
    (row) => row.target === 'bare Fastify route' && row.load.startsWith('saturation'),
  )!.rps;
  const table = rows.map((row) => ({
    target: row.target,
    load: row.load,
    sent: String(row.sent),
    '2xx': String(row.ok),
    'req/s': row.rps.toFixed(0),
    'vs bare': row.load.startsWith('saturation') ? `${((row.rps / bareSaturation) * 100).toFixed(1)}%` : '',
    'p50 ms': row.p50.toFixed(2),
    'p99 ms': row.p99.toFixed(2),
    'events appended': row.appended === null ? '-' : String(row.appended),
  }));
  const columns = Object.keys(table[0]!) as (keyof (typeof table)[number])[];
  const widths = columns.map((column) => Math.max(column.length, ...table.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of table) console.log(line(columns.map((column) => row[column])));
  console.log('');
  console.log(
    `redelivered status callbacks: ${duplicates.sent} sent again, ${duplicates.ok} answered 2xx, ${duplicates.appended} events appended (expected 0)`,
  );
}

await main();
