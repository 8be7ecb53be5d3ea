import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemoBackend, type DemoBackend } from '../../support/demo-backend';

/** A signed-in member changes their own password over real HTTP: other sessions end, this one stays. */

let backend: DemoBackend;
let baseUrl: string;
beforeAll(async () => {
  backend = await startDemoBackend();
  baseUrl = await backend.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await backend?.close();
});

const ANA = 'ana@demo.curbe.test';
const BEN = 'ben@demo.curbe.test';

async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...headers, 'x-curbe-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as { message?: string } | null,
    cookie: response.headers.getSetCookie()[0]?.split(';')[0],
  };
}

const change = (session: Record<string, string>, currentPassword: string, newPassword: string) =>
  call(session, 'POST', '/api/auth/password', { currentPassword, newPassword });
const me = async (session: Record<string, string>) => (await call(session, 'GET', '/api/auth/me')).status;

describe('POST /api/auth/password', () => {
  it('changes the password: every other session ends, this one stays signed in with a new cookie', async () => {
    const here = await backend.signIn(ANA);
    const elsewhere = await backend.signIn(ANA);
    const changed = await change(here, DEMO_PASSWORD, 'ana’s own new password');
    expect(changed.status).toBe(204);
    expect(changed.cookie).toMatch(/^curbe_session=/);

    expect(await me({ cookie: changed.cookie! })).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect(await me(here)).toBe(401);
    await expect(backend.signIn(ANA)).rejects.toThrow(/401/);
    await expect(backend.signIn(ANA, 'ana’s own new password')).resolves.toHaveProperty('cookie');
  });

  it('refuses a wrong current password with a clear message, changing nothing', async () => {
    const session = await backend.signIn(BEN);
    const wrong = await change(session, 'not my password', 'a brand new password');
    expect(wrong.status).toBe(403);
    expect(wrong.body?.message).toBe('The current password is not correct');
    expect(await me(session)).toBe(200);
    await expect(backend.signIn(BEN)).resolves.toHaveProperty('cookie');
  });

  it('refuses a new password that is too short or the current one, and a malformed body (400)', async () => {
    const session = await backend.signIn(BEN);
    expect((await change(session, DEMO_PASSWORD, 'short')).status).toBe(400);
    const same = await change(session, DEMO_PASSWORD, DEMO_PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body?.message).toContain('not the current one');
    expect((await call(session, 'POST', '/api/auth/password', { newPassword: 'a brand new password' })).status).toBe(
      400,
    );
    expect(await me(session)).toBe(200);
  });

  it('makes a member wait after five wrong current passwords', async () => {
    const session = await backend.signIn('audit@demo.curbe.test');
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await change(session, `wrong ${attempt}`, 'a brand new password')).status).toBe(403);
    const blocked = await change(session, DEMO_PASSWORD, 'a brand new password');
    expect(blocked.status).toBe(429);
    expect(blocked.body?.message).toContain('Too many wrong passwords');
  });
});
