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
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';

/** `npm run accounts`: an operator creates an agency and its members with no demo seed, on the simulator. */

const PUBLIC_URL = 'https://voice.example.test';
let dataDir: string;
let telnyx: EmbeddedTelnyx;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-accounts-cli-'));
  telnyx = await startEmbeddedTelnyx(dataDir);
  env = { DATA_DIR: dataDir, ...telnyx.environment, SEED_DEMO_ACCOUNT: 'false', PUBLIC_URL, LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  await telnyx?.simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAccountsCli(args, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The user and token of the set-password link the CLI printed. */
function linkIn(output: string): { userId: string; token: string } {
  const url = new URL(/https:\/\/\S+\/set-password\?\S+/.exec(output)![0]);
  expect(url.origin).toBe(PUBLIC_URL);
  return { userId: url.searchParams.get('user')!, token: url.searchParams.get('token')! };
}

async function withBackend<T>(use: (application: Application) => Promise<T>): Promise<T> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const application = await composeApplication(loaded.config, {
    logger: createLogger({ level: 'silent' }),
    frontendDir: join(dataDir, 'no-frontend'),
  });
  try {
    const last = (await application.deps.eventStore.readAll()).at(-1);
    if (last) await application.deps.projections.waitFor(last.position, 10_000);
    return await use(application);
  } finally {
    await application.close();
  }
}

const post = (application: Application, url: string, payload: Record<string, string>) =>
  application.app.inject({ method: 'POST', url, headers: { [CSRF_HEADER]: '1' }, payload });

describe('npm run accounts', () => {
  let accountId: string;

  it('creates an agency with its Telnyx managed account and an admin who sets a password from the link', async () => {
    const created = await cli('create', 'Acme Insurance', '--admin', 'owner@acme.test', '--name', 'Olga Owner');
    expect(created.code).toBe(0);
    accountId = /account (\S+) \(Telnyx (\S+)\)/.exec(created.out)![1]!;
    const telnyxAccountId = /\(Telnyx (\S+)\)/.exec(created.out)![1]!;
    expect(telnyx.simulator.state.accounts.get(telnyxAccountId)?.businessName).toBe('Acme Insurance');

    const { userId, token } = linkIn(created.out);
    await withBackend(async (application) => {
      const set = await post(application, '/api/auth/set-password', { userId, token, password: 'owner password' });
      expect(set.statusCode).toBe(204);
      const last = (await application.deps.eventStore.readAll()).at(-1)!;
      await application.deps.projections.waitFor(last.position, 10_000);
      const login = await post(application, '/api/auth/login', {
        email: 'owner@acme.test',
        password: 'owner password',
      });
      expect(login.statusCode).toBe(200);
      expect(login.json<{ user: { role: string; displayName: string } }>().user).toEqual(
        expect.objectContaining({ role: 'admin', displayName: 'Olga Owner' }),
      );
    });
  });

  it('adds a member with a role and prints their link; a fresh link replaces the old one', async () => {
    const added = await cli('add-member', accountId, 'agent@acme.test', '--role', 'agent');
    expect(added.code).toBe(0);
    expect(added.out).toContain('agent@acme.test added as agent');
    const first = linkIn(added.out);
    const again = await cli('password-link', accountId, 'Agent@Acme.test');
    expect(again.code).toBe(0);
    const second = linkIn(again.out);
    expect(second.userId).toBe(first.userId);
    await withBackend(async (application) => {
      const stale = await post(application, '/api/auth/set-password', { ...first, password: 'agent password' });
      expect(stale.statusCode).toBe(410);
      const fresh = await post(application, '/api/auth/set-password', { ...second, password: 'agent password' });
      expect(fresh.statusCode).toBe(204);
    });
  });

  it('refuses what it cannot do with a message and exit code 1, bad usage with 2', async () => {
    const taken = await cli('add-member', accountId, 'agent@acme.test', '--role', 'auditor');
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/agent@acme.test/);
    const nobody = await cli('password-link', accountId, 'nobody@acme.test');
    expect(nobody.code).toBe(1);
    expect((await cli('add-member', accountId, 'x@acme.test', '--role', 'owner')).code).toBe(2);
    expect((await cli('create', 'No Admin')).code).toBe(2);
    expect((await cli('frobnicate')).err).toContain('Usage: npm run accounts');
  });
});
