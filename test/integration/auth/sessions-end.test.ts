import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import { createCallFixture, users, type CallFixture } from '../../support/call-fixture';

/**
 * Sessions end on the server, not only in the browser: once a member signs out, is removed or gets a
 * new password, a copy of their old cookie is refused (401) on every route, within a second.
 */

let fx: CallFixture;
beforeAll(async () => {
  fx = await createCallFixture();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const get = (url: string, cookie: string) =>
  fx.server.app.inject({ method: 'GET', url, headers: { cookie, 'x-curbe-csrf': '1' } });
const numbersUrl = `/api/accounts/${DEMO_ACCOUNT_ID}/numbers`;
const membersUrl = `/api/accounts/${DEMO_ACCOUNT_ID}/members`;

describe('sessions that end', () => {
  it('refuses the cookie of a signed-out member, while a new sign-in works', async () => {
    const copy = await fx.signIn('audrey');
    expect((await get(numbersUrl, copy)).statusCode).toBe(200);
    const out = await fx.server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: copy, 'x-curbe-csrf': '1' },
    });
    expect(out.statusCode).toBe(204);
    // Right away: the sign-out is in the read model before the answer.
    expect((await get(numbersUrl, copy)).statusCode).toBe(401);
    expect((await get('/api/auth/me', copy)).statusCode).toBe(401);
    expect((await get(numbersUrl, await fx.signIn('audrey'))).statusCode).toBe(200);
  });

  it('refuses the cookie of a member whose password changed', async () => {
    const copy = await fx.signIn('ana');
    expect((await get(membersUrl, copy)).statusCode).toBe(200);
    await fx.server.deps.passwords.setPassword(users.ana.userId, 'a-brand-new-password', {
      actor: `user:${users.ana.userId}`,
    });
    await fx.caughtUp();
    expect((await get(membersUrl, copy)).statusCode).toBe(401);
    expect((await get('/api/voice/credentials', copy)).statusCode).toBe(401);
  });

  it('refuses the cookie of a removed member on the numbers and team routes', async () => {
    const bens = await fx.signIn('ben');
    expect((await get(numbersUrl, bens)).statusCode).toBe(200);
    const removed = await fx.server.app.inject({
      method: 'DELETE',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/agents/${users.ben.userId}`,
      headers: { cookie: await fx.signIn('ada'), 'x-curbe-csrf': '1' },
    });
    expect(removed.statusCode).toBe(200);
    await fx.caughtUp();
    for (const url of [numbersUrl, membersUrl, '/api/calls', '/api/auth/me', '/api/voice/credentials'])
      expect({ url, status: (await get(url, bens)).statusCode }).toEqual({ url, status: 401 });
  });
});
