import { agentStreamName } from '@curbe-voice/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANA_NUMBER,
  createCallFixture,
  EVE_NAME,
  EVE_NUMBER,
  users,
  type CallFixture,
} from '../../support/call-fixture';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';

/**
 * The account's member list through the whole backend (composition root, SQLite read models, the
 * simulator): the demo account is activated, Ana holds ANA_NUMBER, Eve (added after activation, so
 * without a SIP identity) holds EVE_NUMBER, Ben holds nothing.
 */
let fx: CallFixture;
const membersUrl = (accountId = DEMO_ACCOUNT_ID) => `/api/accounts/${accountId}/members`;

beforeAll(async () => {
  fx = await createCallFixture();
});
afterAll(async () => {
  await fx?.close();
});

async function membersAs(cookie: string | undefined, accountId?: string) {
  return fx.server.app.inject({ method: 'GET', url: membersUrl(accountId), headers: cookie ? { cookie } : {} });
}

describe('GET /api/accounts/:id/members', () => {
  it('lists every member with their role, SIP username, the numbers that ring them and their status', async () => {
    const response = await membersAs(await fx.signIn('ben'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual([
      {
        userId: users.ada.userId,
        email: users.ada.email,
        displayName: 'Ada Admin',
        role: 'admin',
        sipUsername: null,
        numbers: [],
        status: 'active',
        joined: true,
      },
      {
        userId: users.ana.userId,
        email: users.ana.email,
        displayName: 'Ana Agent',
        role: 'agent',
        sipUsername: fx.anaSipUsername,
        numbers: [ANA_NUMBER],
        status: 'active',
        joined: true,
      },
      {
        userId: users.audrey.userId,
        email: users.audrey.email,
        displayName: 'Audrey Auditor',
        role: 'auditor',
        sipUsername: null,
        numbers: [],
        status: 'active',
        joined: true,
      },
      {
        userId: users.ben.userId,
        email: users.ben.email,
        displayName: 'Ben Agent',
        role: 'agent',
        sipUsername: fx.benSipUsername,
        numbers: [],
        status: 'active',
        joined: true,
      },
      {
        userId: expect.any(String),
        email: 'eve@demo.curbe.test',
        displayName: EVE_NAME,
        role: 'agent',
        sipUsername: null,
        numbers: [EVE_NUMBER],
        status: 'active',
        joined: false,
      },
    ]);
  });

  it('is readable by the account’s auditor too', async () => {
    const response = await membersAs(await fx.signIn('audrey'));
    expect(response.statusCode).toBe(200);
    expect(response.json<{ email: string }[]>().map((member) => member.email)).toContain(users.ben.email);
  });

  it('never shows a secret: no SIP password (even sealed), credential id or account API key', async () => {
    const body = (await membersAs(await fx.signIn('ana'))).body;
    const { deps } = fx.server;
    const [credential] = await deps.eventStore.readStream(agentStreamName(users.ana.userId));
    const sealed = credential!.data as { sipPassword: { ciphertext: string }; credentialId: string };
    expect(sealed.sipPassword.ciphertext.length).toBeGreaterThan(0);
    expect(body).not.toContain(sealed.sipPassword.ciphertext);
    expect(body).not.toContain(sealed.credentialId);
    expect(body).not.toMatch(/password|ciphertext|credential|apiKey/i);
    const account = await deps.accounts.get(DEMO_ACCOUNT_ID);
    expect(body).not.toContain(deps.accounts.openApiKey(account!));
  });

  it('refuses another agency’s agent with 403 and an anonymous request with 401', async () => {
    const { deps } = fx.server;
    const other = await deps.accounts.register({ name: 'Other Agency' }, { actor: 'system' });
    const olga = await deps.accounts.addMember(
      other.accountId,
      { email: 'olga@other.test', displayName: 'Olga', role: 'agent' },
      { actor: 'system' },
    );
    await deps.passwords.setPassword(olga.userId, 'olga-password', { actor: 'system' });
    // Sign-in reads the users read model: let it apply the new member first.
    await fx.caughtUp();
    const login = await fx.server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-curbe-csrf': '1' },
      payload: { email: 'olga@other.test', password: 'olga-password' },
    });
    expect(login.statusCode).toBe(200);
    const olgaCookie = login.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

    const foreign = await membersAs(olgaCookie);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain(users.ana.email);
    // Her own agency is fine, and lists only her.
    await fx.caughtUp();
    const own = await membersAs(olgaCookie, other.accountId);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ email: string }[]>().map((member) => member.email)).toEqual(['olga@other.test']);

    const anonymous = await membersAs(undefined);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain(users.ana.email);
  });
});
