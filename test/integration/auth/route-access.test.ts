import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import { DEMO_PASSWORD, startDemoBackend, type DemoBackend } from '../../support/demo-backend';
import { registeredRoutes } from '../../support/registered-routes';

/**
 * Every route of the whole app × every kind of caller. A route added without an entry in `ACCESS`
 * fails here, so nobody ships a route whose access nobody decided.
 */

/** The demo agency's members by role, an admin of another agency, and a platform operator (no agency). */
type Caller = 'anonymous' | 'admin' | 'agent' | 'auditor' | 'outsider' | 'operator';
const CALLERS: Caller[] = ['anonymous', 'admin', 'agent', 'auditor', 'outsider', 'operator'];

/**
 * Who gets through: `public` (no session needed), `telnyx` (Telnyx-signed webhooks: a cookie grants
 * nothing, the missing signature gets 401), `signed-in` (anyone signed in, operators too), `agency`
 * (a member of any agency), `member` (members of the account in the path), the roles of that account
 * (`admin`, `agent`, `auditor`), or `operator` (platform operators only).
 */
type Access = 'public' | 'telnyx' | 'signed-in' | 'agency' | 'member' | 'admin' | 'agent' | 'auditor' | 'operator';

const ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/set-password': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/password': 'signed-in',
  'GET /api/voice/credentials': 'agent',
  'POST /api/accounts/:id/activation': 'admin',
  'GET /api/accounts/:id/activation': 'member',
  'GET /api/accounts/:id/numbers/available': 'admin',
  'POST /api/accounts/:id/numbers': 'admin',
  'POST /api/accounts/:id/numbers/sync': 'admin',
  'GET /api/accounts/:id/numbers': 'member',
  'PUT /api/accounts/:id/numbers/:e164/agent': 'admin',
  'DELETE /api/accounts/:id/numbers/:e164/agent': 'admin',
  'DELETE /api/accounts/:id/numbers/:e164': 'admin',
  'GET /api/accounts/:id/members': 'member',
  'POST /api/accounts/:id/members': 'admin',
  'POST /api/accounts/:id/members/:userId/password-link': 'admin',
  'PUT /api/accounts/:id/members/:userId/role': 'admin',
  'POST /api/accounts/:id/members/:userId/disable': 'admin',
  'POST /api/accounts/:id/members/:userId/enable': 'admin',
  'DELETE /api/accounts/:id/members/:userId': 'admin',
  'GET /api/accounts/:id/webhook-keys': 'member',
  'POST /api/accounts/:id/webhook-keys': 'admin',
  'DELETE /api/accounts/:id/agents/:agentId': 'admin',
  'GET /api/audit/accounts/:id/events': 'auditor',
  'GET /api/audit/accounts/:id/state': 'auditor',
  'GET /api/audit/accounts/:id/verify': 'auditor',
  'GET /api/calls': 'agency',
  'GET /api/calls/:id': 'agency',
  'GET /api/calls/:id/recording': 'agency',
  'GET /api/events/stream': 'agency',
  'GET /api/operator/agencies': 'operator',
  'POST /api/operator/agencies': 'operator',
  'POST /api/operator/agencies/:id/admins/:userId/password-link': 'operator',
  'POST /webhooks/telnyx/inbound': 'telnyx',
  'POST /webhooks/telnyx/outbound': 'telnyx',
  'POST /webhooks/telnyx/dial-result': 'telnyx',
  'POST /webhooks/telnyx/voicemail-done': 'telnyx',
  'POST /webhooks/telnyx/fallback': 'telnyx',
  'POST /webhooks/telnyx/status': 'telnyx',
  'POST /webhooks/telnyx/recordings': 'telnyx',
};

/** The API documentation belongs to its plugin, which adds its own routes under `/docs`. */
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');

/** `401` anonymous, `403` signed in but not allowed, `allowed` anything the route itself answers. */
function expected(access: Access, caller: Caller): 401 | 403 | 'allowed' {
  if (access === 'public') return 'allowed';
  if (access === 'telnyx') return 401;
  if (caller === 'anonymous') return 401;
  if (access === 'signed-in') return 'allowed';
  // Operators belong to no agency; agency members never reach the operators' routes.
  if (access === 'operator' || caller === 'operator') return access === caller ? 'allowed' : 403;
  if (access === 'agency') return 'allowed';
  if (caller === 'outsider') return 403;
  if (access === 'member') return 'allowed';
  return access === caller ? 'allowed' : 403;
}

const PARAMS: Record<string, string> = {
  id: DEMO_ACCOUNT_ID,
  e164: encodeURIComponent('+13125550000'),
  agentId: randomUUID(),
  userId: randomUUID(),
};

let backend: DemoBackend;
let baseUrl: string;
const cookies = new Map<Caller, Record<string, string>>();

beforeAll(async () => {
  backend = await startDemoBackend();
  baseUrl = await backend.app.listen({ port: 0, host: '127.0.0.1' });
  const { accounts, operators, passwords } = backend.application.deps;
  const other = await accounts.register({ name: 'Other Agency' }, { actor: 'system' });
  const olga = await accounts.addMember(
    other.accountId,
    { email: 'olga@other.test', displayName: 'Olga', role: 'admin' },
    { actor: 'system' },
  );
  await passwords.setPassword(olga.userId, DEMO_PASSWORD, { actor: 'system' });
  const olive = await operators.add({ email: 'olive@platform.test', displayName: 'Olive Ops' }, { actor: 'cli' });
  await passwords.setPassword(olive.userId, DEMO_PASSWORD, { actor: 'system' });
  await backend.caughtUp();
  cookies.set('anonymous', { [CSRF_HEADER]: '1' });
  cookies.set('admin', await backend.signIn('admin@demo.curbe.test'));
  cookies.set('agent', await backend.signIn('ana@demo.curbe.test'));
  cookies.set('auditor', await backend.signIn('audit@demo.curbe.test'));
  cookies.set('outsider', await backend.signIn('olga@other.test'));
  cookies.set('operator', await backend.signIn('olive@platform.test'));
}, 60_000);

afterAll(async () => {
  await backend?.application.deps.activation.settled(DEMO_ACCOUNT_ID);
  await backend?.close();
});

/** The status a caller gets; a streaming answer is cut off once its status is known. */
async function statusOf(method: string, path: string, caller: Caller): Promise<number> {
  const url = baseUrl + path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => PARAMS[name] ?? 'x');
  const controller = new AbortController();
  const hasBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';
  const response = await fetch(url, {
    method,
    headers: { ...cookies.get(caller), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { body: '{}' } : {}),
    signal: controller.signal,
  });
  controller.abort();
  return response.status;
}

describe('who may call which route', () => {
  it('has a decided access for every registered route', () => {
    const undecided = registeredRoutes(backend.app)
      .filter(([method, path]) => method !== 'HEAD' && !isDocs(path))
      .map(([method, path]) => `${method} ${path}`)
      .filter((route) => !(route in ACCESS));
    expect(undecided).toEqual([]);
  });

  it('lets each caller through exactly where the access policy says, and nowhere else', async () => {
    // Signing out ends the session: it goes last.
    const routes = registeredRoutes(backend.app)
      .filter(([method, path]) => method !== 'HEAD' && !isDocs(path))
      .sort(([, a], [, b]) => Number(a === '/api/auth/logout') - Number(b === '/api/auth/logout'));
    expect(routes.length).toBe(Object.keys(ACCESS).length);
    const mismatches: string[] = [];
    for (const [method, path] of routes) {
      const access = ACCESS[`${method} ${path}`]!;
      for (const caller of CALLERS) {
        const status = await statusOf(method, path, caller);
        const want = expected(access, caller);
        const got = status === 401 || status === 403 ? status : 'allowed';
        if (got !== want) mismatches.push(`${method} ${path} as ${caller}: ${status}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
