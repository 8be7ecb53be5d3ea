import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemoBackend, type DemoBackend } from '../../support/demo-backend';
import { registeredRoutes as routesOf } from '../../support/registered-routes';
import { CSRF_HEADER, DEMO_ACCOUNT_ID, demoUserId } from '@curbe-voice/backend';

/** Sign-in and authorization over HTTP, against the whole embedded backend with the demo account. */

let backend: DemoBackend;
beforeAll(async () => {
  backend = await startDemoBackend();
});
afterAll(async () => {
  await backend?.close();
});

const ADA = 'admin@demo.curbe.test';
const ANA = 'ana@demo.curbe.test';
const AUDREY = 'audit@demo.curbe.test';
const csrf = { [CSRF_HEADER]: '1' };

function login(email: string, password: string, headers: Record<string, string> = csrf) {
  return backend.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email, password } });
}

const registeredRoutes = () => routesOf(backend.app);

describe('signing in', () => {
  it('signs in with a session cookie, tells who is signed in, and signs out', async () => {
    const response = await login(` ${ANA.toUpperCase()} `, DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const me = {
      user: { id: expect.any(String), email: ANA, displayName: 'Ana Agent', role: 'agent' },
      account: { id: DEMO_ACCOUNT_ID, name: 'Demo Insurance' },
    };
    expect(response.json()).toEqual(me);
    const [cookie] = response.cookies;
    expect(cookie).toMatchObject({
      name: 'curbe_session',
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      maxAge: 12 * 3600,
    });
    expect(cookie).not.toHaveProperty('secure');
    expect(cookie!.value).not.toContain(DEMO_PASSWORD);
    const session = { cookie: `${cookie!.name}=${cookie!.value}` };

    expect((await backend.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).json()).toEqual(me);

    const logout = await backend.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...session, ...csrf },
    });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies[0]).toMatchObject({ name: 'curbe_session', value: '' });
    expect(new Date(logout.cookies[0]!.expires!).getTime()).toBeLessThan(Date.now());
    expect((await backend.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email with the same 401 and no cookie', async () => {
    const wrongPassword = await login(AUDREY, 'not-the-password');
    const unknownEmail = await login('nobody@demo.curbe.test', DEMO_PASSWORD);
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.cookies).toEqual([]);
    }
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json()).toMatchObject({ message: 'The email or password is not correct' });
  });

  it('stops guessing after 5 failures for 15 minutes, even with the right password, for that email only', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await login('ben@demo.curbe.test', `guess-${attempt}`)).statusCode).toBe(401);
    const blocked = await login('ben@demo.curbe.test', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(blocked.cookies).toEqual([]);
    expect((await login(ANA, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a state change without the anti-forgery header', async () => {
    const noHeader = await login(ANA, DEMO_PASSWORD, {});
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json<{ message: string }>().message).toContain(CSRF_HEADER);
    const { cookie } = await backend.signIn(ANA);
    const activation = await backend.app.inject({
      method: 'POST',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: { cookie },
    });
    expect(activation.statusCode).toBe(403);
    expect(
      (await backend.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it('treats an altered or foreign session cookie as no session at all', async () => {
    const { cookie } = await backend.signIn(ANA);
    const [name, value] = cookie!.split('=') as [string, string];
    const [body, signature] = value.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const asAuditor = Buffer.from(JSON.stringify({ ...claims, role: 'auditor' })).toString('base64url');
    for (const forged of [`${asAuditor}.${signature}`, `${body}.${signature.slice(0, -2)}`, 'garbage']) {
      const response = await backend.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `${name}=${forged}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.cookies[0]).toMatchObject({ name, value: '' });
    }
  });
});

describe('who may call what', () => {
  it('answers 401 to anonymous requests on every API route except sign-in and setting a password by link', async () => {
    const apiRoutes = registeredRoutes().filter(([, path]) => path.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    for (const [method, path] of apiRoutes) {
      const url = path.replace(/:[A-Za-z0-9_]+/g, 'x');
      const response = await backend.app.inject({ method: method as 'GET', url, headers: csrf });
      const anonymous = method === 'POST' && (path === '/api/auth/login' || path === '/api/auth/set-password');
      const expected = anonymous ? 400 : 401;
      expect({ method, path, status: response.statusCode }).toEqual({ method, path, status: expected });
    }
  });

  it('keeps each member inside their own agency, audits for auditors, the phone for agents, changes for admins', async () => {
    const other = await backend.application.deps.accounts.register({ name: 'Other Agency' }, { actor: 'system' });
    const ana = await backend.signIn(ANA);
    const audrey = await backend.signIn(AUDREY);
    const get = (url: string, headers: Record<string, string>) => backend.app.inject({ method: 'GET', url, headers });

    expect((await get(`/api/accounts/${DEMO_ACCOUNT_ID}/activation`, ana)).statusCode).toBe(200);
    expect((await get(`/api/accounts/${other.accountId}/activation`, ana)).statusCode).toBe(403);
    expect((await get(`/api/accounts/${other.accountId}/numbers`, ana)).statusCode).toBe(403);
    expect((await get(`/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`, ana)).statusCode).toBe(403);

    expect((await get(`/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`, audrey)).statusCode).toBe(200);
    expect((await get(`/api/audit/accounts/${other.accountId}/events`, audrey)).statusCode).toBe(403);
    expect((await get('/api/voice/credentials', audrey)).statusCode).toBe(403);
    const activate = await backend.app.inject({
      method: 'POST',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: audrey,
    });
    expect(activate.statusCode).toBe(403);
    expect(activate.json()).toMatchObject({
      message: "Only the agency's admins can change its phone service and team",
    });
    const asAgent = await backend.app.inject({
      method: 'POST',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: ana,
    });
    expect(asAgent.statusCode).toBe(403);
    const ada = await backend.signIn(ADA);
    expect((await get('/api/voice/credentials', ada)).statusCode).toBe(403);
    expect((await get(`/api/audit/accounts/${DEMO_ACCOUNT_ID}/events`, ada)).statusCode).toBe(403);
    expect((await get(`/api/accounts/${other.accountId}/numbers`, ada)).statusCode).toBe(403);
  });
});

describe('demo passwords', () => {
  it('are stored as scrypt hashes; setting the same one again appends nothing, a new one replaces it', async () => {
    const { passwords, eventStore } = backend.application.deps;
    const passwordsSet = async () =>
      (await eventStore.readAll({ filter: { streamNamePrefixes: ['user-'] } })).filter((e) => e.type === 'PasswordSet');
    const before = await passwordsSet();
    expect(before.map((e) => e.type)).toEqual(['PasswordSet', 'PasswordSet', 'PasswordSet', 'PasswordSet']);
    expect(JSON.stringify(before.map((e) => e.data))).not.toContain(DEMO_PASSWORD);
    const anaId = demoUserId(ANA);
    await passwords.setPassword(anaId, DEMO_PASSWORD, { actor: 'system' });
    expect(await passwordsSet()).toHaveLength(4);
    await passwords.setPassword(anaId, 'a-brand-new-password', { actor: `user:${anaId}` });
    await backend.caughtUp();
    expect((await login(ANA, 'a-brand-new-password')).statusCode).toBe(200);
    expect((await login(ANA, DEMO_PASSWORD)).statusCode).toBe(401);
    await passwords.setPassword(anaId, DEMO_PASSWORD, { actor: 'system' });
    await backend.caughtUp();
  });
});
