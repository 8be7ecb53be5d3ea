import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Application,
  composeApplication,
  createLogger,
  CSRF_HEADER,
  loadConfig,
  runAccountsCli,
} from '@curbe-voice/backend';
import type { AgencyCreated, AgencySummary } from '@curbe-voice/contracts/api/operator';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';

/**
 * A platform operator, bootstrapped from the command line, creates an agency from the operator API
 * over real HTTP on the simulator; the agency's admin takes over from the link. Operators and agency
 * members never reach each other's routes.
 */

const PUBLIC_URL = 'https://voice.example.test';
const OPERATOR = { email: 'olive@platform.test', password: 'operator password' };
let dataDir: string;
let telnyx: EmbeddedTelnyx;
let application: Application;
let baseUrl: string;

interface Answer {
  status: number;
  body: unknown;
  cookie: string | undefined;
}

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATA_DIR: dataDir, ...telnyx.environment, SEED_DEMO_ACCOUNT: 'false', PUBLIC_URL, LOG_LEVEL: 'silent' };
  const code = await runAccountsCli(args, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The user and token of a set-password link, checked to point at the web app's page. */
function linkParts(url: string): { userId: string; token: string } {
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe(`${PUBLIC_URL}/set-password`);
  return { userId: parsed.searchParams.get('user')!, token: parsed.searchParams.get('token')! };
}

async function call(method: string, path: string, options: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      [CSRF_HEADER]: '1',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, cookie };
}

async function caughtUp(): Promise<void> {
  const last = (await application.deps.eventStore.readAll()).at(-1);
  if (last) await application.deps.projections.waitFor(last.position, 10_000);
}

/** Chooses a password through the link, as the set-password page does, then signs in; returns the session cookie. */
async function takeOver(url: string, email: string, password: string): Promise<{ cookie: string; me: unknown }> {
  const { userId, token } = linkParts(url);
  expect((await call('POST', '/api/auth/set-password', { body: { userId, token, password } })).status).toBe(204);
  await caughtUp();
  const login = await call('POST', '/api/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  return { cookie: login.cookie!, me: login.body };
}

const managedAccounts = () => [...telnyx.simulator.state.accounts.values()].filter((account) => !account.isManager);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-operator-'));
  telnyx = await startEmbeddedTelnyx(dataDir);
}, 60_000);
afterAll(async () => {
  await application?.close();
  await telnyx?.simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a platform operator onboarding an agency', () => {
  let operatorLink: string;
  let operatorCookie: string;
  let created: AgencyCreated;
  let adminCookie: string;

  it('is bootstrapped from the command line with a one-time set-password link, once per email', async () => {
    const added = await cli('add-operator', 'Olive@Platform.test', '--name', 'Olive Ops');
    expect(added.code).toBe(0);
    expect(added.out).toContain('olive@platform.test added as a platform operator');
    const firstLink = /https:\/\/\S+\/set-password\?\S+/.exec(added.out)![0];
    // A lost link: a fresh one replaces it.
    const fresh = await cli('operator-password-link', 'olive@platform.test');
    expect(fresh.code).toBe(0);
    operatorLink = /https:\/\/\S+\/set-password\?\S+/.exec(fresh.out)![0];
    expect(linkParts(operatorLink).userId).toBe(linkParts(firstLink).userId);
    expect(operatorLink).not.toBe(firstLink);
    expect((await cli('operator-password-link', 'nobody@platform.test')).code).toBe(1);
    const again = await cli('add-operator', OPERATOR.email);
    expect(again.code).toBe(1);
    expect(again.err).toContain('olive@platform.test');
    expect((await cli('add-operator')).code).toBe(2);
  });

  it('sets a password from the link and signs in as an operator of no agency', async () => {
    const loaded = loadConfig({
      DATA_DIR: dataDir,
      ...telnyx.environment,
      SEED_DEMO_ACCOUNT: 'false',
      PUBLIC_URL,
      LOG_LEVEL: 'silent',
    });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    application = await composeApplication(loaded.config, {
      logger: createLogger({ level: 'silent' }),
      frontendDir: join(dataDir, 'no-frontend'),
    });
    baseUrl = await application.app.listen({ port: 0, host: '127.0.0.1' });
    await caughtUp();
    const signedIn = await takeOver(operatorLink, OPERATOR.email, OPERATOR.password);
    operatorCookie = signedIn.cookie;
    const operator = { user: expect.objectContaining({ role: 'operator', displayName: 'Olive Ops' }), account: null };
    expect(signedIn.me).toEqual(operator);
    expect((await call('GET', '/api/auth/me', { cookie: operatorCookie })).body).toEqual(operator);
    expect((await call('GET', '/api/operator/agencies', { cookie: operatorCookie })).body).toEqual([]);
  });

  it('answers 502 with Telnyx’s words when the managed account cannot be created, recording nothing', async () => {
    const fault = await fetch(`${telnyx.simulator.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'CreateManagedAccount', status: 503 }),
    });
    expect(fault.ok).toBe(true);
    const eventsBefore = (await application.deps.eventStore.readAll()).length;
    const refused = await call('POST', '/api/operator/agencies', {
      cookie: operatorCookie,
      body: { name: 'Acme Insurance', adminEmail: 'owner@acme.test', adminName: 'Olga Owner' },
    });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({
      message: expect.stringContaining('Telnyx 503'),
      reason: 'telnyx_unavailable',
    });
    expect((await application.deps.eventStore.readAll()).length).toBe(eventsBefore);
    expect(managedAccounts()).toEqual([]);
    expect((await call('GET', '/api/operator/agencies', { cookie: operatorCookie })).body).toEqual([]);
  });

  it('creates the agency with its Telnyx managed account and answers the admin’s set-password link', async () => {
    const answer = await call('POST', '/api/operator/agencies', {
      cookie: operatorCookie,
      body: { name: ' Acme Insurance ', adminEmail: 'Owner@Acme.test', adminName: 'Olga Owner' },
    });
    expect(answer.status).toBe(201);
    created = answer.body as AgencyCreated;
    expect(created.agency).toMatchObject({ name: 'Acme Insurance', memberCount: 1, activationStatus: 'not_requested' });
    expect(created.admin).toMatchObject({ email: 'owner@acme.test', displayName: 'Olga Owner' });
    expect(managedAccounts().map((account) => [account.id, account.businessName])).toEqual([
      [created.agency.telnyxAccountId, 'Acme Insurance'],
    ]);
    expect(linkParts(created.passwordLink.url).userId).toBe(created.admin.userId);
    const hoursValid = (Date.parse(created.passwordLink.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(71);
    expect(hoursValid).toBeLessThanOrEqual(72);
  });

  it('refuses an admin email that already signs somebody in, before Telnyx is asked', async () => {
    for (const adminEmail of ['owner@acme.test', OPERATOR.email]) {
      const taken = await call('POST', '/api/operator/agencies', {
        cookie: operatorCookie,
        body: { name: 'Copycat Agency', adminEmail, adminName: 'Someone' },
      });
      expect(taken.status).toBe(409);
    }
    const invalid = await call('POST', '/api/operator/agencies', {
      cookie: operatorCookie,
      body: { name: 'Acme', adminEmail: 'owner', adminName: 'Olga', extra: true },
    });
    expect(invalid.status).toBe(400);
    expect(managedAccounts()).toHaveLength(1);
  });

  it('lets the agency’s admin set a password from the link and sign in as admin of that agency', async () => {
    const signedIn = await takeOver(created.passwordLink.url, 'owner@acme.test', 'owner password');
    adminCookie = signedIn.cookie;
    expect(signedIn.me).toEqual({
      user: expect.objectContaining({ id: created.admin.userId, role: 'admin' }),
      account: { id: created.agency.id, name: 'Acme Insurance' },
    });
    const members = await call('GET', `/api/accounts/${created.agency.id}/members`, { cookie: adminCookie });
    expect(members.status).toBe(200);
  });

  it('keeps the operator out of the agency’s routes and the agency’s admin out of the operator’s', async () => {
    const agency = `/api/accounts/${created.agency.id}`;
    for (const [method, path] of [
      ['GET', `${agency}/members`],
      ['GET', `${agency}/activation`],
      ['POST', `${agency}/activation`],
      ['GET', `${agency}/numbers`],
      ['GET', '/api/calls'],
      ['GET', '/api/voice/credentials'],
    ] as const)
      expect({ path, status: (await call(method, path, { cookie: operatorCookie })).status }).toEqual({
        path,
        status: 403,
      });
    for (const [method, path] of [
      ['GET', '/api/operator/agencies'],
      ['POST', '/api/operator/agencies'],
      ['POST', `/api/operator/agencies/${created.agency.id}/admins/${created.admin.userId}/password-link`],
    ] as const)
      expect({
        path,
        status: (await call(method, path, { cookie: adminCookie, ...(method === 'POST' ? { body: {} } : {}) })).status,
      }).toEqual({
        path,
        status: 403,
      });
  });

  it('lists the agency and hands its admin a fresh link, which replaces the old one', async () => {
    const list = await call('GET', '/api/operator/agencies', { cookie: operatorCookie });
    expect(list.body).toEqual([
      {
        id: created.agency.id,
        name: 'Acme Insurance',
        createdAt: expect.any(String),
        telnyxAccountId: created.agency.telnyxAccountId,
        memberCount: 1,
        activationStatus: 'not_requested',
        admins: [created.admin],
      } satisfies AgencySummary,
    ]);
    const path = `/api/operator/agencies/${created.agency.id}/admins/${created.admin.userId}/password-link`;
    const first = await call('POST', path, { cookie: operatorCookie });
    const second = await call('POST', path, { cookie: operatorCookie });
    expect(second.status).toBe(200);
    const stale = linkParts((first.body as AgencyCreated).passwordLink.url);
    const fresh = linkParts((second.body as AgencyCreated).passwordLink.url);
    const choose = (link: typeof fresh) =>
      call('POST', '/api/auth/set-password', { body: { ...link, password: 'a new password' } });
    expect((await choose(stale)).status).toBe(410);
    expect((await choose(fresh)).status).toBe(204);
    const nobody = `/api/operator/agencies/${created.agency.id}/admins/${crypto.randomUUID()}/password-link`;
    expect((await call('POST', nobody, { cookie: operatorCookie })).status).toBe(404);
  });

  it('ends the operator’s session on sign-out', async () => {
    expect((await call('POST', '/api/auth/logout', { cookie: operatorCookie })).status).toBe(204);
    expect((await call('GET', '/api/operator/agencies', { cookie: operatorCookie })).status).toBe(401);
    expect((await call('GET', '/api/auth/me', { cookie: operatorCookie })).status).toBe(401);
  });
});
