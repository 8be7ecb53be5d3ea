import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userStreamName } from '@curbe-voice/contracts';
import { CSRF_HEADER, demoUserId } from '@curbe-voice/backend';
import { startDemoBackend, type DemoBackend } from '../../support/demo-backend';

/** A member choosing a password through a one-time link, over HTTP against the whole embedded backend. */

let backend: DemoBackend;
beforeAll(async () => {
  backend = await startDemoBackend();
});
afterAll(async () => {
  await backend?.close();
});

const BEN = 'ben@demo.curbe.test';
const benId = demoUserId(BEN);
const csrf = { [CSRF_HEADER]: '1' };

function setPassword(payload: Record<string, unknown>) {
  return backend.app.inject({ method: 'POST', url: '/api/auth/set-password', headers: csrf, payload });
}

async function issueLink() {
  return backend.application.deps.passwords.issuePasswordLink(benId, { actor: 'cli' });
}

const eventsOfBen = async () => (await backend.application.deps.eventStore.readStream(userStreamName(benId))).length;

describe('set-password links', () => {
  it('sets the password once, without signing in, and the new password signs in', async () => {
    const link = await issueLink();
    const answer = await setPassword({ userId: benId, token: link.token, password: 'chosen by ben' });
    expect(answer.statusCode).toBe(204);
    await backend.caughtUp();
    await expect(backend.signIn(BEN, 'chosen by ben')).resolves.toHaveProperty('cookie');

    const again = await setPassword({ userId: benId, token: link.token, password: 'chosen again' });
    expect(again.statusCode).toBe(410);
    expect(again.json<{ message: string }>().message).toContain('no longer valid');
  });

  it('refuses a wrong token or a replaced link and records nothing', async () => {
    const first = await issueLink();
    await issueLink();
    const before = await eventsOfBen();
    expect((await setPassword({ userId: benId, token: first.token, password: 'replaced link' })).statusCode).toBe(410);
    const forged = 'A'.repeat(43);
    expect((await setPassword({ userId: benId, token: forged, password: 'forged token' })).statusCode).toBe(410);
    expect(await eventsOfBen()).toBe(before);
  });

  it('answers 400 to a short password or a malformed body, keeping the link usable', async () => {
    const link = await issueLink();
    expect((await setPassword({ userId: benId, token: link.token, password: 'short' })).statusCode).toBe(400);
    expect((await setPassword({ userId: benId, token: link.token })).statusCode).toBe(400);
    expect((await setPassword({ userId: '../x', token: link.token, password: 'long enough' })).statusCode).toBe(400);
    expect((await setPassword({ userId: benId, token: link.token, password: 'long enough' })).statusCode).toBe(204);
  });

  it('never stores the token itself', async () => {
    const link = await issueLink();
    const events = await backend.application.deps.eventStore.readStream(userStreamName(benId));
    expect(JSON.stringify(events.map((event) => event.data))).not.toContain(link.token);
  });
});
