import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentStreamName, type AgentEventData } from '@curbe-voice/contracts';
import type { AddedMember } from '@curbe-voice/contracts/api/accounts';
import { createLogger, loadConfig, runAccountsCli, startServer, type RunningServer } from '@curbe-voice/backend';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';
import { poll } from '../../support/call-fixture';
import { freePort } from '../../support/free-port';

/**
 * The production path, without the demo seed: an operator creates the agency with its admin from the
 * command line; the admin activates the phone service and builds the team from the API; an agent added
 * after activation gets a phone line at once and can use the web phone.
 */

let dataDir: string;
let telnyx: EmbeddedTelnyx;
let env: Record<string, string>;
let server: RunningServer;
let accountId: string;
let adminCookie: string;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAccountsCli(args, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function call(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { cookie, 'x-curbe-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown>, cookies };
}

/** Chooses the password from a set-password link, then signs in with it; resolves with the session cookie. */
async function joinWith(url: string, email: string, password: string): Promise<string> {
  const link = new URL(url);
  const set = await call('', 'POST', '/api/auth/set-password', {
    userId: link.searchParams.get('user'),
    token: link.searchParams.get('token'),
    password,
  });
  expect(set.status).toBe(204);
  const login = await poll(async () => {
    const answer = await call('', 'POST', '/api/auth/login', { email, password });
    return answer.status === 200 ? answer : undefined;
  }, `${email} to sign in`);
  return login.cookies.join('; ');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-team-production-'));
  telnyx = await startEmbeddedTelnyx(dataDir);
  const port = await freePort();
  env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...telnyx.environment,
    SEED_DEMO_ACCOUNT: 'false',
    LOG_LEVEL: 'silent',
  };
  const created = await cli('create', 'Acme Insurance', '--admin', 'owner@acme.test', '--name', 'Olga Owner');
  expect(created.code).toBe(0);
  accountId = /account (\S+) \(Telnyx/.exec(created.out)![1]!;
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  server = await startServer(loaded.config, {
    logger: createLogger({ level: 'silent' }),
    frontendDir: join(dataDir, 'no-frontend'),
  });
  const ownerLink = /(http:\/\/\S+\/set-password\?\S+)/.exec(created.out)![1]!;
  adminCookie = await joinWith(ownerLink, 'owner@acme.test', 'owner password');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await telnyx?.simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const membersUrl = () => `/api/accounts/${accountId}/members`;

describe('a team built from the Team page’s API, in production mode', () => {
  it('gives an agent added after activation a phone line, so their web phone logs in', async () => {
    expect((await call(adminCookie, 'POST', `/api/accounts/${accountId}/activation`)).status).toBe(202);
    await poll(async () => {
      const progress = await call(adminCookie, 'GET', `/api/accounts/${accountId}/activation`);
      return progress.body['status'] === 'completed' ? true : undefined;
    }, 'the activation to complete');

    const added = await call(adminCookie, 'POST', membersUrl(), {
      email: 'agent@acme.test',
      displayName: 'Alex Agent',
      role: 'agent',
    });
    expect(added.status).toBe(201);
    const agent = added.body as unknown as AddedMember;
    expect(agent.sipUsername).toEqual(expect.any(String));
    expect(new URL(agent.passwordLink.url).origin).toBe(env['PUBLIC_URL']);

    // The SIP password is sealed under the agent's own key (shredded if they are removed).
    const [credential] = await server.deps.eventStore.readStream(agentStreamName(agent.userId));
    const created = credential!.data as AgentEventData<'TelephonyCredentialCreated'>;
    expect(created.sipPassword.keyId).toBe(`agent:${agent.userId}`);
    expect(telnyx.simulator.state.findCredentialBySipUsername(agent.sipUsername!)?.record.id).toBe(
      created.credentialId,
    );

    const agentCookie = await joinWith(agent.passwordLink.url, 'agent@acme.test', 'agent password');
    const phone = await call(agentCookie, 'GET', '/api/voice/credentials');
    expect(phone.status).toBe(200);
    expect(phone.body).toMatchObject({ sip_username: agent.sipUsername });
  });

  it('gives a member made agent a phone line too, once', async () => {
    const added = await call(adminCookie, 'POST', membersUrl(), {
      email: 'later@acme.test',
      displayName: 'Lee Later',
      role: 'auditor',
    });
    const lee = added.body as unknown as AddedMember;
    expect(lee.sipUsername).toBeNull();
    const agent = await call(adminCookie, 'PUT', `${membersUrl()}/${lee.userId}/role`, { role: 'agent' });
    expect(agent.body).toMatchObject({ role: 'agent', sipUsername: expect.any(String) });
    await call(adminCookie, 'PUT', `${membersUrl()}/${lee.userId}/role`, { role: 'auditor' });
    const again = await call(adminCookie, 'PUT', `${membersUrl()}/${lee.userId}/role`, { role: 'agent' });
    expect(again.body).toMatchObject({ sipUsername: agent.body['sipUsername'] });
    const credentials = await server.deps.eventStore.readStream(agentStreamName(lee.userId));
    expect(credentials.map((event) => event.type)).toEqual(['TelephonyCredentialCreated']);
  });

  it('lets the command line add an agent with a phone line while the backend runs', async () => {
    const added = await cli('add-member', accountId, 'cli-agent@acme.test', '--role', 'agent');
    expect(added.code).toBe(0);
    const userId = new URL(/(http:\/\/\S+\/set-password\?\S+)/.exec(added.out)![1]!).searchParams.get('user')!;
    const [credential] = await server.deps.eventStore.readStream(agentStreamName(userId));
    expect(credential?.type).toBe('TelephonyCredentialCreated');
    expect((credential!.data as AgentEventData<'TelephonyCredentialCreated'>).sipPassword.keyId).toBe(
      `agent:${userId}`,
    );
  });
});
