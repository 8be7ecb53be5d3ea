import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountStreamName } from '@curbe-voice/contracts';
import { openSqliteEventStore, type EventStore } from '@curbe-voice/event-store';
import { startTelnyxSimulator, type RunningSimulator } from '@curbe-voice/telnyx-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, seedDemoAccount } from '@curbe-voice/backend';
import { AccountRegistry, AccountRejected, createSecretBox, createTelnyxGateway } from '@curbe-voice/backend/testing';

let dir: string;
let sim: RunningSimulator;
let store: EventStore;
let accounts: AccountRegistry;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'curbe-accounts-'));
  sim = await startTelnyxSimulator({ port: 0 });
  store = openSqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  accounts = new AccountRegistry({
    store,
    telnyx: createTelnyxGateway({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl }),
    secretBox: createSecretBox([{ id: 'k1', key: randomBytes(32) }]),
  });
});
afterEach(async () => {
  await store.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('account registry', () => {
  it('creates the managed account with rolled-up billing, so agencies share our Telnyx balance', async () => {
    const account = await accounts.register({ name: 'Acme Insurance' }, { actor: 'cli' });
    expect(sim.state.accounts.get(account.telnyxAccountId)?.record?.['rollup_billing']).toBe(true);
  });

  it('creates a managed account with its own balance when billing is not rolled up', async () => {
    const ownBalance = new AccountRegistry({
      store,
      telnyx: createTelnyxGateway({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, rollupBilling: false }),
      secretBox: createSecretBox([{ id: 'k1', key: randomBytes(32) }]),
    });
    const account = await ownBalance.register({ name: 'Solo Agency' }, { actor: 'cli' });
    expect(sim.state.accounts.get(account.telnyxAccountId)?.record?.['rollup_billing']).toBe(false);
  });

  it('registers an account by creating its Telnyx managed account and keeps only the sealed key', async () => {
    const account = await accounts.register({ name: 'Acme Insurance' }, { actor: 'cli' });
    const managed = sim.state.accounts.get(account.telnyxAccountId);
    expect(managed?.businessName).toBe('Acme Insurance');
    expect(accounts.openApiKey(account)).toBe(managed?.apiKey);
    const [event] = await store.readStream(accountStreamName(account.accountId));
    expect(JSON.stringify(event!.data)).not.toContain(managed!.apiKey);
    expect(event!.metadata.actor).toBe('cli');
  });

  it('uses a given managed account instead of creating one', async () => {
    const before = sim.state.accounts.size;
    const account = await accounts.register(
      { name: 'Given', telnyx: { telnyxAccountId: 't-1', apiKey: 'KEY-given' } },
      { actor: 'cli' },
    );
    expect(sim.state.accounts.size).toBe(before);
    expect(account.telnyxAccountId).toBe('t-1');
  });

  it('adds agents and auditors, refusing a duplicate email and a malformed one', async () => {
    const account = await accounts.register({ name: 'Acme' }, { actor: 'cli' });
    await accounts.addMember(
      account.accountId,
      { email: 'Ana@Acme.test', displayName: 'Ana', role: 'agent' },
      { actor: 'cli' },
    );
    await expect(
      accounts.addMember(
        account.accountId,
        { email: 'ana@acme.test', displayName: 'Ana 2', role: 'auditor' },
        { actor: 'cli' },
      ),
    ).rejects.toMatchObject({ reason: 'email_taken' });
    await expect(
      accounts.addMember(account.accountId, { email: 'nope', displayName: 'X', role: 'agent' }, { actor: 'cli' }),
    ).rejects.toThrow(AccountRejected);
    await expect(
      accounts.addMember('missing', { email: 'a@b.test', displayName: 'X', role: 'agent' }, { actor: 'cli' }),
    ).rejects.toMatchObject({
      reason: 'not_found',
    });
    expect((await accounts.get(account.accountId))!.members).toEqual([
      expect.objectContaining({ email: 'ana@acme.test', displayName: 'Ana', role: 'agent' }),
    ]);
  });

  it('seeds the demo account once, however often it runs, without activating it', async () => {
    const first = await seedDemoAccount({ accounts }, 'demo-password');
    const second = await seedDemoAccount({ accounts }, 'demo-password');
    expect(second).toEqual(first);
    expect(first).toMatchObject({ accountId: DEMO_ACCOUNT_ID, name: 'Demo Insurance' });
    expect(first.members.map((m) => [m.email, m.role])).toEqual([
      ['admin@demo.curbe.test', 'admin'],
      ['ana@demo.curbe.test', 'agent'],
      ['ben@demo.curbe.test', 'agent'],
      ['audit@demo.curbe.test', 'auditor'],
    ]);
    const events = await store.readStream(accountStreamName(DEMO_ACCOUNT_ID));
    expect(events.map((e) => e.type)).toEqual([
      'AccountRegistered',
      'AgentAdded',
      'AgentAdded',
      'AgentAdded',
      'AgentAdded',
    ]);
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain('demo-password');
  });
});
