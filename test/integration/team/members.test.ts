import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import type { AccountMember, AddedMember, FreshPasswordLink } from '@curbe-voice/contracts/api/accounts';
import {
  ANA_NUMBER,
  createCallFixture,
  CUSTOMER,
  users,
  type CallFixture,
  type DemoUser,
  type SimCallView,
} from '../../support/call-fixture';

/**
 * An agency's admin runs the team over real HTTP, on the activated demo account with the simulator:
 * adding members (with their set-password link), fresh links, roles, disabling, removing. Ana holds
 * ANA_NUMBER; Ben holds no number.
 */

let fx: CallFixture;
beforeAll(async () => {
  fx = await createCallFixture();
  // A hundred times faster than real time: a voicemail's recording limit passes in moments.
  await fx.settings({ timeScale: 0.01 });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const membersUrl = `/api/accounts/${DEMO_ACCOUNT_ID}/members`;

/** A request as the browser makes it: over HTTP, with the session cookie and the anti-forgery header. */
async function call(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(fx.server.url + path, {
    method,
    headers: { cookie, 'x-curbe-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const as = async (user: DemoUser) => fx.signIn(user);
const memberIn = async (cookie: string, userId: string) =>
  ((await call(cookie, 'GET', membersUrl)).body as unknown as AccountMember[]).find((m) => m.userId === userId);

async function setPassword(url: string, password: string) {
  const link = new URL(url);
  return call('', 'POST', '/api/auth/set-password', {
    userId: link.searchParams.get('user'),
    token: link.searchParams.get('token'),
    password,
  });
}

async function signInStatus(email: string, password: string) {
  const answer = await call('', 'POST', '/api/auth/login', { email, password });
  return { status: answer.status, message: answer.body['message'] };
}

describe('adding members', () => {
  it('adds a member and answers with their one-time set-password link under PUBLIC_URL', async () => {
    const ada = await as('ada');
    const before = Date.now();
    const added = await call(ada, 'POST', membersUrl, {
      email: ' Carla@Demo.Curbe.TEST ',
      displayName: 'Carla Auditor',
      role: 'auditor',
    });
    expect(added.status).toBe(201);
    const carla = added.body as unknown as AddedMember;
    expect(carla).toMatchObject({
      email: 'carla@demo.curbe.test',
      displayName: 'Carla Auditor',
      role: 'auditor',
      status: 'active',
      joined: false,
      numbers: [],
      sipUsername: null,
    });
    const link = new URL(carla.passwordLink.url);
    expect(`${link.origin}${link.pathname}`).toBe(`${fx.server.deps.config.publicUrl}/set-password`);
    expect(link.searchParams.get('user')).toBe(carla.userId);
    const expiresIn = Date.parse(carla.passwordLink.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(71.9 * 3600_000);
    expect(expiresIn).toBeLessThan(72.1 * 3600_000);

    expect((await setPassword(carla.passwordLink.url, 'carla chose this')).status).toBe(204);
    await fx.caughtUp();
    expect(await signInStatus('carla@demo.curbe.test', 'carla chose this')).toMatchObject({ status: 200 });
    expect(await memberIn(ada, carla.userId)).toMatchObject({ joined: true, status: 'active' });
  });

  it('refuses a taken email (409) and an invalid body (400), adding nobody', async () => {
    const ada = await as('ada');
    const count = async () => ((await call(ada, 'GET', membersUrl)).body as unknown as AccountMember[]).length;
    const before = await count();
    const taken = await call(ada, 'POST', membersUrl, {
      email: 'ANA@demo.curbe.test',
      displayName: 'Ana',
      role: 'agent',
    });
    expect(taken.status).toBe(409);
    expect(taken.body['message']).toContain('ana@demo.curbe.test is already a member');
    for (const body of [
      { email: 'not-an-email', displayName: 'X', role: 'agent' },
      { email: 'x@demo.curbe.test', displayName: 'X', role: 'owner' },
      { email: 'x@demo.curbe.test', displayName: ' ', role: 'agent' },
      { email: 'x@demo.curbe.test', role: 'agent' },
    ]) {
      expect({ body, status: (await call(ada, 'POST', membersUrl, body)).status }).toEqual({ body, status: 400 });
    }
    expect(await count()).toBe(before);
  });

  it('refuses an email that already signs in to another agency, which would make one sign-in two people', async () => {
    const other = await fx.server.deps.onboarding.createAgency(
      { name: 'Other Agency', adminEmail: 'owner@other-agency.test', adminName: 'Olivia Owner' },
      { actor: 'system' },
    );
    expect(other.admin.email).toBe('owner@other-agency.test');
    const ada = await as('ada');
    const taken = await call(ada, 'POST', membersUrl, {
      email: 'Owner@Other-Agency.test',
      displayName: 'Olivia',
      role: 'agent',
    });
    expect(taken.status).toBe(409);
    expect(taken.body['message']).toContain('owner@other-agency.test already signs in');
    expect((await call(ada, 'GET', membersUrl)).body).not.toContainEqual(
      expect.objectContaining({ email: 'owner@other-agency.test' }),
    );
  });

  it('shows every member with their role, status and whether they set a password', async () => {
    const members = (await call(await as('audrey'), 'GET', membersUrl)).body as unknown as AccountMember[];
    expect(members.find((m) => m.userId === users.ada.userId)).toMatchObject({
      role: 'admin',
      status: 'active',
      joined: true,
    });
    expect(members.find((m) => m.userId === users.ana.userId)).toMatchObject({
      role: 'agent',
      numbers: [ANA_NUMBER],
      sipUsername: fx.anaSipUsername,
    });
  });
});

describe('set-password links', () => {
  it('hands out a fresh link: the one before stops working, the new one sets the password', async () => {
    const ada = await as('ada');
    const first = await call(ada, 'POST', `${membersUrl}/${users.ben.userId}/password-link`);
    const second = await call(ada, 'POST', `${membersUrl}/${users.ben.userId}/password-link`);
    expect(second.status).toBe(200);
    const { passwordLink } = second.body as unknown as FreshPasswordLink;
    const stale = (first.body as unknown as FreshPasswordLink).passwordLink.url;
    expect((await setPassword(stale, 'a new password for ben')).status).toBe(410);
    expect((await setPassword(passwordLink.url, 'a new password for ben')).status).toBe(204);
    await fx.caughtUp();
    expect(await signInStatus(users.ben.email, 'a new password for ben')).toMatchObject({ status: 200 });
    // Put back for the other tests.
    await fx.server.deps.passwords.setPassword(users.ben.userId, fx.server.deps.config.demoPassword, {
      actor: 'system',
    });
    await fx.caughtUp();
    expect((await call(ada, 'POST', `${membersUrl}/00000000-0000-4000-8000-000000000000/password-link`)).status).toBe(
      404,
    );
  });
});

describe('roles', () => {
  it('changes a role: the member’s old session gets 401 right after the answer, and they sign in with the new role', async () => {
    const bens = await as('ben');
    expect((await call(bens, 'GET', membersUrl)).status).toBe(200);
    const changed = await call(await as('ada'), 'PUT', `${membersUrl}/${users.ben.userId}/role`, { role: 'auditor' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: users.ben.userId, role: 'auditor' });
    expect((await call(bens, 'GET', membersUrl)).status).toBe(401);
    const again = await as('ben');
    expect((await call(again, 'GET', '/api/auth/me')).body).toMatchObject({ user: { role: 'auditor' } });
    expect((await call(again, 'GET', `/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`)).status).toBe(200);
    expect((await call(again, 'GET', '/api/voice/credentials')).status).toBe(403);
  });

  it('gives a member made agent their phone line at once (the account is active)', async () => {
    const back = await call(await as('ada'), 'PUT', `${membersUrl}/${users.ben.userId}/role`, { role: 'agent' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ role: 'agent', sipUsername: fx.benSipUsername });
    const voice = await call(await as('ben'), 'GET', '/api/voice/credentials');
    expect(voice.status).toBe(200);
    expect(voice.body).toMatchObject({ sip_username: fx.benSipUsername });
  });

  it('refuses one’s own role and an agent who still holds numbers, saying why (409)', async () => {
    const ada = await as('ada');
    const own = await call(ada, 'PUT', `${membersUrl}/${users.ada.userId}/role`, { role: 'agent' });
    expect(own.status).toBe(409);
    expect(own.body['message']).toContain('ask another admin');
    const holding = await call(ada, 'PUT', `${membersUrl}/${users.ana.userId}/role`, { role: 'auditor' });
    expect(holding.status).toBe(409);
    expect(holding.body).toMatchObject({ numbers: [ANA_NUMBER], message: expect.stringContaining(ANA_NUMBER) });
    expect((await call(ada, 'PUT', `${membersUrl}/${users.ana.userId}/role`, { role: 'owner' })).status).toBe(400);
    expect((await memberIn(ada, users.ana.userId))?.role).toBe('agent');
  });
});

describe('disabling and enabling', () => {
  it('a disabled member cannot sign in (the wrong-password answer) and their sessions end at once', async () => {
    const audreys = await as('audrey');
    const ada = await as('ada');
    const wrongPassword = await signInStatus(users.audrey.email, 'not the password');
    const disabled = await call(ada, 'POST', `${membersUrl}/${users.audrey.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect((await call(audreys, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await signInStatus(users.audrey.email, fx.server.deps.config.demoPassword)).toEqual(wrongPassword);

    const enabled = await call(ada, 'POST', `${membersUrl}/${users.audrey.userId}/enable`);
    expect(enabled.body).toMatchObject({ status: 'active' });
    expect(await signInStatus(users.audrey.email, fx.server.deps.config.demoPassword)).toMatchObject({ status: 200 });
  });

  it('refuses disabling oneself', async () => {
    const ada = await as('ada');
    const own = await call(ada, 'POST', `${membersUrl}/${users.ada.userId}/disable`);
    expect(own.status).toBe(409);
    expect(own.body['message']).toContain('cannot disable yourself');
  });
});

describe('calls of a disabled agent', () => {
  const dialled = (call: SimCallView) =>
    call.timeline.filter((entry) => entry.type === 'verb' && entry['verb'] === 'Dial').length;

  it('do not ring their web phone: callers reach voicemail, and their phone places no calls, until enabled', async () => {
    const anaSip = `sip:${fx.anaSipUsername}@sip.telnyx.com`;
    await fx.callee(anaSip, { behaviour: 'answer', answerAfterMs: 200, hangupAfterMs: 500 });
    const ada = await as('ada');
    expect((await call(ada, 'POST', `${membersUrl}/${users.ana.userId}/disable`)).status).toBe(200);

    const toVoicemail = await fx.placeInbound(CUSTOMER, ANA_NUMBER);
    expect(dialled(await fx.settled(toVoicemail))).toBe(0);
    const row = await fx.historyRowWhen(toVoicemail, (r) => r.outcome === 'voicemail');
    expect(row).toMatchObject({ route: 'voicemail', voicemailReason: 'agent_disabled', agentId: users.ana.userId });

    const outbound = await fx.placeOutbound(fx.anaSipUsername, '+16175550123');
    await fx.settled(outbound);
    expect((await fx.events(outbound)).map((event) => (event.data as { reason?: string }).reason)).toEqual([
      'unknown_agent',
    ]);

    expect((await call(ada, 'POST', `${membersUrl}/${users.ana.userId}/enable`)).status).toBe(200);
    const rings = await fx.placeInbound(CUSTOMER, ANA_NUMBER);
    expect(dialled(await fx.settled(rings))).toBe(1);
    expect(await fx.historyRowWhen(rings, (r) => r.outcome === 'answered')).toMatchObject({ route: 'agent' });
  });
});

describe('removing members', () => {
  it('removes an admin or an auditor (no phone line) but never oneself', async () => {
    const ada = await as('ada');
    const added = await call(ada, 'POST', membersUrl, {
      email: 'otto@demo.curbe.test',
      displayName: 'Otto',
      role: 'admin',
    });
    const otto = added.body as unknown as AddedMember;
    expect((await setPassword(otto.passwordLink.url, 'otto chose this')).status).toBe(204);
    await fx.caughtUp();
    const ottos = (
      await call('', 'POST', '/api/auth/login', { email: 'otto@demo.curbe.test', password: 'otto chose this' })
    ).status;
    expect(ottos).toBe(200);

    expect((await call(ada, 'DELETE', `${membersUrl}/${users.ada.userId}`)).status).toBe(409);
    // The agents route still only knows agents.
    expect((await call(ada, 'DELETE', `/api/accounts/${DEMO_ACCOUNT_ID}/agents/${otto.userId}`)).status).toBe(404);
    const removed = await call(ada, 'DELETE', `${membersUrl}/${otto.userId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ userId: otto.userId, credentialId: null });
    expect(await signInStatus('otto@demo.curbe.test', 'otto chose this')).toMatchObject({ status: 401 });
    expect(await memberIn(ada, otto.userId)).toBeUndefined();
    expect((await call(ada, 'DELETE', `${membersUrl}/${otto.userId}`)).status).toBe(404);
  });

  it('refuses removing an agent who still holds numbers, listing them', async () => {
    const holding = await call(await as('ada'), 'DELETE', `${membersUrl}/${users.ana.userId}`);
    expect(holding.status).toBe(409);
    expect(holding.body).toMatchObject({ numbers: [ANA_NUMBER] });
  });
});
