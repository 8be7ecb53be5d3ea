import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Telnyx from 'telnyx';
import { numberOrderCompleted } from '../rest/testing/number-order-complete';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyTelnyxSignature } from '../signing/webhook-signer';
import { startCustomerServer, type CustomerServer } from '../calls/testing/customer-server';
import { startTelnyxSimulator, verifyTelephonyToken, type RunningSimulator } from '../index';
import { useTelephonyTokenSecret } from '../rest/telephony-tokens';
import { until } from '../testing/until';

/**
 * A simulator started on a state file comes back after a restart as a customer left it: same keys,
 * same accounts and resources, tokens and webhook signatures still valid, numbers still routed.
 */

let dir: string;
let stateFile: string;
let customer: CustomerServer | undefined;
const running: RunningSimulator[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'telnyx-sim-state-'));
  stateFile = join(dir, 'nested', 'telnyx-sim.json');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
  await customer?.close();
  customer = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: { rootApiKey?: string } = {}): Promise<RunningSimulator> {
  const sim = await startTelnyxSimulator({ port: 0, stateFile, ...options });
  running.push(sim);
  return sim;
}

async function stop(sim: RunningSimulator): Promise<void> {
  running.splice(running.indexOf(sim), 1);
  await sim.close();
  // What a new process would have: a fresh in-memory token secret, so only the file can restore it.
  useTelephonyTokenSecret(randomBytes(64));
}

const sdk = (sim: RunningSimulator, apiKey = sim.rootApiKey) =>
  new Telnyx({ apiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });

async function status(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof Telnyx.APIError) return typeof error.status === 'number' ? error.status : 0;
    throw error;
  }
}

describe('a simulator with a state file', () => {
  it('keeps keys, accounts and resources across a restart, so tokens, signatures and numbers keep working', async () => {
    const first = await start();
    customer = await startCustomerServer(first.webhookPublicKey);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const managed = (await sdk(first).managedAccounts.create({ business_name: 'Restart Insurance' })).data!;
    const tenant = sdk(first, managed.api_key);
    const profile = (await tenant.outboundVoiceProfiles.create({ name: 'restart outbound', tags: ['restart'] })).data!;
    const app = (
      await tenant.texmlApplications.create({
        friendly_name: 'restart line',
        voice_url: `${customer.url}/voice`,
        status_callback: `${customer.url}/status`,
        outbound: { outbound_voice_profile_id: profile.id! },
      })
    ).data!;
    const connection = (
      await tenant.credentialConnections.create({
        connection_name: 'restart web phone',
        user_name: 'restartwebphone',
        password: 'a-long-password-1',
        webhook_api_version: 'texml',
        webhook_event_url: `${customer.url}/outbound`,
        outbound: { call_parking_enabled: true, outbound_voice_profile_id: profile.id! },
      })
    ).data!;
    const credential = (await tenant.telephonyCredentials.create({ connection_id: connection.id!, name: 'Agent Ann' }))
      .data!;
    const token = await tenant.telephonyCredentials.createToken(credential.id!);
    const number = (await tenant.availablePhoneNumbers.list({ filter: { country_code: 'US', limit: 1 } })).data![0]!
      .phone_number!;
    // The last change goes straight into close(): it must still reach the file.
    const order = await tenant.numberOrders.create({
      phone_numbers: [{ phone_number: number }],
      connection_id: app.id!,
    });
    await numberOrderCompleted(tenant, order.data!.id!);
    const before = {
      app: (await tenant.texmlApplications.retrieve(app.id!)).data,
      connection: (await tenant.credentialConnections.retrieve(connection.id!)).data,
      credential: (await tenant.telephonyCredentials.retrieve(credential.id!)).data,
      numbers: (await tenant.phoneNumbers.list()).data,
    };
    const managedKey = await portalKey(first.url, managed.id);
    await stop(first);

    const second = await start();
    expect(await portalKey(second.url, managed.id)).toBe(managedKey);
    expect(second.rootApiKey).toBe(first.rootApiKey);
    expect(second.webhookPublicKey).toBe(first.webhookPublicKey);
    expect((await sdk(second).managedAccounts.list()).data.map((a) => a.id)).toEqual([managed.id]);
    const tenantAgain = sdk(second, managed.api_key);
    expect({
      app: (await tenantAgain.texmlApplications.retrieve(app.id!)).data,
      connection: (await tenantAgain.credentialConnections.retrieve(connection.id!)).data,
      credential: (await tenantAgain.telephonyCredentials.retrieve(credential.id!)).data,
      numbers: (await tenantAgain.phoneNumbers.list()).data,
    }).toEqual(before);
    expect(before.numbers.map((n) => [n.phone_number, n.connection_id])).toEqual([[number, app.id]]);
    await expect(verifyTelephonyToken(token)).resolves.toMatchObject({ credentialId: credential.id });

    customer.on('/voice', '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
    const placed = await fetch(`${second.url}/sim/calls/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13055550123', to: number }),
    });
    expect(placed.status).toBe(201);
    const fetched = await until(() => customer!.at('/voice')[0], 'the TeXML fetch');
    expect(fetched.params).toMatchObject({ To: number, AccountSid: expect.any(String) });
    // Signed with the managed account's own key, the one it had before the restart.
    expect(verifyTelnyxSignature(managedKey, fetched.rawBody, fetched.headers)).toBe(true);
  });

  it('saves changes made after a restart too', async () => {
    const first = await start();
    await stop(first);
    const second = await start();
    const profile = (await sdk(second).outboundVoiceProfiles.create({ name: 'made after restart' })).data!;
    await stop(second);

    const third = await start();
    expect((await sdk(third).outboundVoiceProfiles.retrieve(profile.id!)).data!.name).toBe('made after restart');
  });

  it('lets a root key given at start replace the stored one, keeping the accounts it manages', async () => {
    const first = await start();
    const managed = (await sdk(first).managedAccounts.create({ business_name: 'Rekeyed' })).data!;
    await stop(first);

    const rootApiKey = 'KEY0123456789ABCDEF0123456789ABCDEF_rekeyedrootkey00000';
    const second = await start({ rootApiKey });
    expect(second.rootApiKey).toBe(rootApiKey);
    expect((await sdk(second).managedAccounts.list()).data.map((a) => a.id)).toEqual([managed.id]);
    expect(await status(sdk(second, first.rootApiKey).managedAccounts.list())).toBe(401);
    await stop(second);

    // The new key is what the file remembers from now on.
    expect((await start()).rootApiKey).toBe(rootApiKey);
  });

  it.each([
    ['is not JSON', '{"format": "curbe-telnyx-sim-state", "version": 1, "accounts": ['],
    ['has the wrong shape', JSON.stringify({ format: 'curbe-telnyx-sim-state', version: 1, rootApiKey: 'KEY1' })],
    ['is some other file', JSON.stringify({ hello: 'world' })],
  ])('refuses to start when the state file %s, naming the file and leaving it untouched', async (_case, text) => {
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, text);
    const started = startTelnyxSimulator({ port: 0, stateFile: corrupt });
    await expect(started).rejects.toThrow(corrupt);
    await expect(started).rejects.toMatchObject({ name: 'StateFileError' });
    expect(readFileSync(corrupt, 'utf8')).toBe(text);
  });

  it('refuses a state file whose resources belong to no account', async () => {
    const sim = await start();
    await sdk(sim).outboundVoiceProfiles.create({ name: 'orphan to be' });
    await stop(sim);
    const document = JSON.parse(readFileSync(stateFile, 'utf8')) as { resources: { accountId: string }[] };
    document.resources[0]!.accountId = 'nobody';
    writeFileSync(stateFile, JSON.stringify(document));

    await expect(startTelnyxSimulator({ port: 0, stateFile })).rejects.toThrow(/belongs to unknown account nobody/);
  });
});

async function portalKey(simUrl: string, accountId: string): Promise<string> {
  const response = await fetch(`${simUrl}/sim/accounts/${accountId}/public-key`);
  return ((await response.json()) as { public_key: string }).public_key;
}
