import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callStreamName } from '@curbe-voice/contracts';
import type { RecordedEvent } from '@curbe-voice/event-store';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';
import { CallHistoryEntryEntity, type CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history';
import { startEmbeddedTelnyx } from './embedded-telnyx';
import type { DestinationStream } from 'pino';
import {
  createLogger,
  DEMO_ACCOUNT_ID,
  demoUserId,
  loadConfig,
  type RunningServer,
  startServer,
} from '@curbe-voice/backend';
import { NumberService } from '@curbe-voice/backend/testing';
import { freePort } from './free-port';

/**
 * The whole backend as it runs embedded: composition root, SQLite store and read models in a temp
 * dir, the simulator started beside it, listening on a free port that is also its PUBLIC_URL (so the
 * simulator's TeXML requests and callbacks reach it). The demo account is activated; Ana holds
 * ANA_NUMBER, UNASSIGNED_NUMBER has no agent, and Eve — added after activation, so without a SIP
 * credential, and with markup in her name — holds EVE_NUMBER. Ben has no number.
 */
// The first numbers a Chicago search offers (the simulator's stock is deterministic): only searched numbers can be ordered.
export const ANA_NUMBER = '+13122569672';
export const UNASSIGNED_NUMBER = '+13122637591';
export const EVE_NUMBER = '+13122705510';
export const EVE_NAME = 'Eve <Sales> & "Co"';
export const CUSTOMER = '+17735550142';

export const users = {
  ada: { email: 'admin@demo.curbe.test', userId: demoUserId('admin@demo.curbe.test') },
  ana: { email: 'ana@demo.curbe.test', userId: demoUserId('ana@demo.curbe.test') },
  ben: { email: 'ben@demo.curbe.test', userId: demoUserId('ben@demo.curbe.test') },
  audrey: { email: 'audit@demo.curbe.test', userId: demoUserId('audit@demo.curbe.test') },
};
export type DemoUser = keyof typeof users;

export interface SimCallView {
  call_sid: string;
  status: string;
  settled: boolean;
  recordings: string[];
  timeline: { type: string; [key: string]: unknown }[];
}

export interface CallFixture {
  server: RunningServer;
  simUrl: string;
  anaSipUsername: string;
  benSipUsername: string;
  sim(path: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', body?: unknown): Promise<Response>;
  /** Sets how a `sip:` URI or number behaves when dialled. */
  callee(
    target: string,
    script: {
      behaviour: 'answer' | 'busy' | 'no-answer' | 'fail';
      answerAfterMs?: number;
      hangupAfterMs?: number | null;
    },
  ): Promise<void>;
  settings(patch: Record<string, unknown>): Promise<void>;
  placeInbound(from: string, to: string): Promise<string>;
  /** A web phone logged in as `sipUsername` dials `to`; `browser` is what its `newCall` may also set. */
  placeOutbound(
    sipUsername: string,
    to: string,
    browser?: { caller_id_number?: string; caller_id_name?: string },
  ): Promise<string>;
  /** Waits until the simulator has ended the call and delivered all its callbacks. */
  settled(callSid: string): Promise<SimCallView>;
  /** Waits until the read models have applied everything stored so far. */
  caughtUp(): Promise<void>;
  events(callSid: string): Promise<RecordedEvent[]>;
  historyRow(callSid: string): Promise<CallHistoryEntry | null>;
  /** Polls the history row until `done` holds (the recording copy runs in the background). */
  historyRowWhen(callSid: string, done: (row: CallHistoryEntry) => boolean): Promise<CallHistoryEntry>;
  /** A session cookie from the real sign-in route. */
  signIn(user: DemoUser): Promise<string>;
  close(): Promise<void>;
}

export interface CallFixtureOptions {
  /** Where the backend's log lines go (silent when absent), e.g. to scan them. */
  logDestination?: DestinationStream;
  /** An existing data directory (e.g. to compose again on the same files); a temp dir otherwise. */
  dataDir?: string;
  /** The demo members' password (DEMO_PASSWORD); the default one otherwise. */
  demoPassword?: string;
}

export async function createCallFixture(options: CallFixtureOptions = {}): Promise<CallFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'curbe-calls-'));
  const port = await freePort();
  const telnyx = await startEmbeddedTelnyx(dataDir);
  const result = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...telnyx.environment,
    LOG_LEVEL: options.logDestination ? 'info' : 'silent',
    ...(options.demoPassword ? { DEMO_PASSWORD: options.demoPassword } : {}),
  });
  if (!result.ok) {
    await telnyx.simulator.close();
    throw new Error(result.errors.join('; '));
  }
  const config = result.config;
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const started = await startServer(config, { logger, frontendDir: join(dataDir, 'no-frontend') }).catch(
    async (error: unknown) => {
      await telnyx.simulator.close();
      throw error;
    },
  );
  // Closing the fixture's server stops the simulator behind it too, as stopping embedded mode does.
  const server: RunningServer = { ...started, close: () => started.close().finally(() => telnyx.simulator.close()) };
  const { deps } = server;
  const simUrl = telnyx.simulator.url;
  const context = { actor: 'system' };

  try {
    const activation = await deps.activation.requestActivation(DEMO_ACCOUNT_ID, context);
    if (activation.outcome !== 'started') throw new Error(`activation did not start: ${activation.outcome}`);
    const outcome = await activation.done;
    if (outcome.outcome !== 'completed') throw new Error(`activation ended ${outcome.outcome}`);

    // As an admin does after activation: the managed account's public key, copied from its portal.
    const demo = (await deps.accounts.get(DEMO_ACCOUNT_ID))!;
    await deps.accounts.addWebhookPublicKey(
      DEMO_ACCOUNT_ID,
      await portalPublicKey(simUrl, demo.telnyxAccountId),
      context,
    );

    const eve = await deps.accounts.addMember(
      DEMO_ACCOUNT_ID,
      { email: 'eve@demo.curbe.test', displayName: EVE_NAME, role: 'agent' },
      context,
    );
    const numbers = new NumberService({
      store: deps.eventStore,
      accounts: deps.accounts,
      telnyxFor: (apiKey) => deps.telnyxGateway.numbersFor(apiKey),
      activeNumbers: () => Promise.resolve([]),
    });
    const ours = [ANA_NUMBER, UNASSIGNED_NUMBER, EVE_NUMBER];
    const offered = await numbers.searchAvailable(DEMO_ACCOUNT_ID, { areaCode: '312', limit: 3 });
    if (offered.map((n) => n.phoneNumber).join() !== ours.join()) throw new Error('the Chicago stock changed');
    for (const number of ours) await numbers.order(DEMO_ACCOUNT_ID, number, context);
    for (let i = 0; ; i++) {
      const states = await numbers.settlePending(DEMO_ACCOUNT_ID, ours, context);
      if (states.every((n) => n.status === 'active')) break;
      if (i > 200) throw new Error('the numbers were never delivered');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await numbers.assign(DEMO_ACCOUNT_ID, ANA_NUMBER, users.ana.userId, context);
    await numbers.assign(DEMO_ACCOUNT_ID, EVE_NUMBER, eve.userId, context);
  } catch (error) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const caughtUp = async () => {
    const last = (await deps.eventStore.readAll()).at(-1);
    if (last) await deps.projections.waitFor(last.position, 10_000);
  };
  await caughtUp();
  const sipUsernameOf = async (userId: string) => {
    const agent = await deps.readModels.em.fork().findOne(AgentViewEntity, { userId });
    if (!agent?.sipUsername) throw new Error(`agent ${userId} has no SIP username`);
    return agent.sipUsername;
  };

  const sim = (path: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', body?: unknown) =>
    fetch(`${simUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const expectStatus = async (response: Response, status: number) => {
    if (response.status !== status) throw new Error(`simulator answered ${response.status}: ${await response.text()}`);
    return response;
  };
  const historyRow = (callSid: string) => deps.readModels.em.fork().findOne(CallHistoryEntryEntity, { callSid });

  return {
    server,
    simUrl,
    anaSipUsername: await sipUsernameOf(users.ana.userId),
    benSipUsername: await sipUsernameOf(users.ben.userId),
    sim,
    async callee(target, script) {
      await expectStatus(await sim(`/sim/callees/${encodeURIComponent(target)}`, 'PUT', script), 200);
    },
    async settings(patch) {
      await expectStatus(await sim('/sim/settings', 'PUT', patch), 200);
    },
    async placeInbound(from, to) {
      const response = await expectStatus(await sim('/sim/calls/inbound', 'POST', { from, to }), 201);
      return ((await response.json()) as { call_sid: string }).call_sid;
    },
    async placeOutbound(sipUsername, to, browser = {}) {
      const response = await expectStatus(
        await sim('/sim/calls/outbound', 'POST', { sip_username: sipUsername, to, ...browser }),
        201,
      );
      return ((await response.json()) as { call_sid: string }).call_sid;
    },
    async settled(callSid) {
      return poll(async () => {
        const view = (await (await sim(`/sim/calls/${encodeURIComponent(callSid)}`, 'GET')).json()) as SimCallView;
        return view.settled ? view : undefined;
      }, `call ${callSid} to settle`);
    },
    caughtUp,
    events: (callSid) => deps.eventStore.readStream(callStreamName(callSid)),
    historyRow,
    historyRowWhen(callSid, done) {
      return poll(async () => {
        const row = await historyRow(callSid);
        return row && done(row) ? row : undefined;
      }, `history row of ${callSid}`);
    },
    async signIn(user) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-curbe-csrf': '1' },
        payload: { email: users[user].email, password: config.demoPassword },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in as ${user} failed: ${response.statusCode} ${response.body}`);
      const cookies = response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`);
      if (cookies.length === 0) throw new Error('sign-in set no cookie');
      return cookies.join('; ');
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The public key the simulated portal shows for a Telnyx account (Keys & Credentials). */
export async function portalPublicKey(simUrl: string, telnyxAccountId: string): Promise<string> {
  const response = await fetch(`${simUrl}/sim/accounts/${telnyxAccountId}/public-key`);
  if (response.status !== 200) throw new Error(`no public key for ${telnyxAccountId}: ${response.status}`);
  return ((await response.json()) as { public_key: string }).public_key;
}

/** Retries `probe` until it yields a value; the deadline only guards against a hung test. */
export async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
