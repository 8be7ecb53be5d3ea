import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createReadModelOrm, ProjectionRunner } from '@curbe-voice/projections';
import { activationProjector } from '@curbe-voice/projections/read-models/activation';
import { AgentViewEntity, agentsProjector } from '@curbe-voice/projections/read-models/agents';
import { usersProjector } from '@curbe-voice/projections/read-models/users';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivationFixture, type ActivationFixture } from '../../support/activation-fixture';
import { demoUserId } from '@curbe-voice/backend';
import {
  createTestSessions,
  provisioningRoutes,
  sessionPlugin,
  type TelephonySetupService,
} from '@curbe-voice/backend/testing';

let fx: ActivationFixture;
let dataDir: string;
let orm: Awaited<ReturnType<typeof createReadModelOrm>>;
let runner: ProjectionRunner;
let activation: TelephonySetupService;
let app: Awaited<ReturnType<typeof buildRoutesApp>>;
const sessions = createTestSessions();
/** Headers of a demo member's signed-in browser. */
const as = (email: string) => sessions.headersOf(sessions.memberOf(fx.account, demoUserId(email)));
const admin = () => as('admin@demo.curbe.test');
const ana = () => as('ana@demo.curbe.test');
const audrey = () => as('audit@demo.curbe.test');

async function buildRoutesApp(deps: { activation: TelephonySetupService; readModels: typeof orm }) {
  const instance = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  await instance.register(sessionPlugin, { deps: sessions.deps(deps.readModels) });
  await instance.register(provisioningRoutes, { deps });
  return instance;
}

beforeEach(async () => {
  fx = await createActivationFixture();
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-activation-read-'));
  const projectors = [activationProjector, agentsProjector, usersProjector];
  orm = await createReadModelOrm({ dataDir, entities: projectors.flatMap((p) => p.entities) });
  runner = new ProjectionRunner({ store: fx.store, orm, projectors });
  await runner.start();
  activation = fx.service();
  app = await buildRoutesApp({ activation, readModels: orm });
  // The members' sessions are checked against the read model.
  await caughtUp();
});

afterEach(async () => {
  await app.close();
  await runner.stop();
  await orm.close(true);
  await fx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until the read models have seen everything in the store. */
async function caughtUp() {
  const last = (await fx.store.readAll()).at(-1)!;
  await runner.waitFor(last.position);
}

const url = () => `/api/accounts/${fx.account.accountId}/activation`;

describe('activation over HTTP', () => {
  it('accepts one activation (202), refuses a second while it runs (409), and reports every step done', async () => {
    await caughtUp();
    const before = await app.inject({ method: 'GET', url: url(), headers: ana() });
    expect(before.json()).toMatchObject({ status: 'not_requested', accountName: 'Demo Insurance', attempt: 0 });

    const [first, second] = await Promise.all([
      app.inject({ method: 'POST', url: url(), headers: admin() }),
      app.inject({ method: 'POST', url: url(), headers: admin() }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([202, 409]);
    const accepted = first.statusCode === 202 ? first : second;
    expect(accepted.json()).toEqual({ accountId: fx.account.accountId, status: 'in_progress', attempt: 1 });
    expect((first.statusCode === 409 ? first : second).json()).toMatchObject({
      message: 'Activation is already in progress',
    });

    await activation.settled(fx.account.accountId);
    await caughtUp();
    const status = await app.inject({ method: 'GET', url: url(), headers: ana() });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      status: 'completed',
      attempt: 1,
      steps: [
        { step: 'outbound_voice_profile', state: 'done' },
        { step: 'texml_application', state: 'done' },
        { step: 'credential_connection', state: 'done' },
        { step: 'agent_credentials', state: 'done', detail: '2 of 2 agents' },
        { step: 'number_attachment', state: 'done', detail: '2 attached' },
      ],
    });
    expect(status.json()).not.toHaveProperty('error');

    const again = await app.inject({ method: 'POST', url: url(), headers: admin() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ message: 'The account is already active', status: 'completed' });
  });

  it('shows the failed step and Telnyx errors, then a new POST retries to completion', async () => {
    await fx.injectFault({ operationId: 'CreateTexmlApplication', status: 503, retry_after: 0, times: 'always' });
    expect((await app.inject({ method: 'POST', url: url(), headers: admin() })).statusCode).toBe(202);
    await activation.settled(fx.account.accountId);
    await caughtUp();
    const failed = (await app.inject({ method: 'GET', url: url(), headers: ana() })).json<{
      steps: { state: string }[];
    }>();
    expect(failed).toMatchObject({ status: 'failed', error: { step: 'texml_application', status: 503 } });
    expect(failed.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending', 'pending', 'pending']);

    await fx.clearFaults();
    expect((await app.inject({ method: 'POST', url: url(), headers: admin() })).json()).toMatchObject({
      status: 'in_progress',
      attempt: 2,
    });
    await activation.settled(fx.account.accountId);
    await caughtUp();
    expect((await app.inject({ method: 'GET', url: url(), headers: ana() })).json()).toMatchObject({
      status: 'completed',
      attempt: 2,
    });
  });

  it('lists agents with their SIP username and never a password', async () => {
    await app.inject({ method: 'POST', url: url(), headers: admin() });
    await activation.settled(fx.account.accountId);
    await caughtUp();
    const rows = await orm.em
      .fork()
      .find(AgentViewEntity, { accountId: fx.account.accountId }, { orderBy: { email: 'asc' } });
    expect(rows.map((r) => [r.email, r.role, r.sipUsername !== null])).toEqual([
      ['admin@demo.curbe.test', 'admin', false],
      ['ana@demo.curbe.test', 'agent', true],
      ['audit@demo.curbe.test', 'auditor', false],
      ['ben@demo.curbe.test', 'agent', true],
    ]);
    // Whether a member has chosen a password yet is listed; a password (or its hash) never is.
    expect(JSON.stringify(rows)).not.toMatch(/"(sip_?)?password(_?hash)?"/i);
    expect(rows.every((row) => typeof (row as { passwordSet?: unknown }).passwordSet === 'boolean')).toBe(true);
  });

  it('lets only the agency’s admins start it: agents and auditors may watch, other agencies and anonymous callers may not', async () => {
    await caughtUp();
    expect((await app.inject({ method: 'POST', url: url(), headers: audrey() })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: url(), headers: audrey() })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: url(), headers: ana() })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: url(), headers: ana() })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/api/accounts/nope/activation', headers: admin() })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/accounts/nope/activation', headers: ana() })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'POST', url: url() })).statusCode).toBe(401);
    expect((await fx.store.readStream(`account-${fx.account.accountId}`)).map((e) => e.type)).not.toContain(
      'ActivationRequested',
    );
  });

  it('records the signed-in admin as the one who asked', async () => {
    await app.inject({ method: 'POST', url: url(), headers: admin() });
    await activation.settled(fx.account.accountId);
    const requested = (await fx.store.readStream(`account-${fx.account.accountId}`)).find(
      (e) => e.type === 'ActivationRequested',
    )!;
    expect(requested.metadata.actor).toBe(`user:${demoUserId('admin@demo.curbe.test')}`);
  });
});
