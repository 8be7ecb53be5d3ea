import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Telnyx from 'telnyx';
import { openSqliteEventStore, type EventStore } from '@curbe-voice/event-store';
import { startTelnyxSimulator, type FaultSpec, type RunningSimulator } from '@curbe-voice/telnyx-sim';
import { numberOrderCompleted } from '@curbe-voice/telnyx-sim/rest/testing/number-order-complete';
import { seedDemoAccount } from '@curbe-voice/backend';
import {
  AccountRegistry,
  type AccountState,
  createSecretBox,
  createTelnyxGateway,
  type SecretBox,
  type TelephonySetupDeps,
  TelephonySetupService,
  type TelnyxGateway,
} from '@curbe-voice/backend/testing';

export const PUBLIC_URL = 'https://voice.example.test';
/** The two numbers the demo account owns at Telnyx before activation (filled in by the fixture's search). */
export const DEMO_NUMBERS: string[] = [];

/**
 * A real SQLite event store, a real simulator over HTTP and the real SDK, with the demo account
 * registered (two agents, one auditor) and two numbers ordered in its managed account.
 */
export interface ActivationFixture {
  sim: RunningSimulator;
  store: EventStore;
  secretBox: SecretBox;
  keyMaterial: string;
  telnyx: TelnyxGateway;
  accounts: AccountRegistry;
  account: AccountState;
  accountApiKey: string;
  /** The SDK with the managed account's key, to read back what Telnyx holds. */
  accountClient: Telnyx;
  service(overrides?: Partial<TelephonySetupDeps>): TelephonySetupService;
  injectFault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

export async function createActivationFixture(): Promise<ActivationFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'curbe-activation-'));
  const sim = await startTelnyxSimulator({ port: 0 });
  const store = openSqliteEventStore({ filePath: join(dir, 'events.sqlite') });
  const key = randomBytes(32);
  const secretBox = createSecretBox([{ id: 'k1', key }]);
  const telnyx = createTelnyxGateway({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 2 });
  const accounts = new AccountRegistry({ store, telnyx, secretBox });
  const account = await seedDemoAccount({ accounts }, 'unused');
  const accountApiKey = accounts.openApiKey(account);
  const accountClient = new Telnyx({ apiKey: accountApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
  const offered = await accountClient.availablePhoneNumbers.list({
    filter: { country_code: 'US', national_destination_code: '312', limit: 2 },
  });
  DEMO_NUMBERS.splice(0, DEMO_NUMBERS.length, ...offered.data!.map((n) => n.phone_number!));
  const order = await accountClient.numberOrders.create({
    phone_numbers: DEMO_NUMBERS.map((phone_number) => ({ phone_number })),
  });
  await numberOrderCompleted(accountClient, order.data!.id!);

  const faultsUrl = `${sim.url}/sim/faults`;
  return {
    sim,
    store,
    secretBox,
    keyMaterial: key.toString('base64'),
    telnyx,
    accounts,
    account,
    accountApiKey,
    accountClient,
    service: (overrides = {}) =>
      new TelephonySetupService({
        store,
        telnyx,
        secretBox,
        accounts,
        publicUrl: PUBLIC_URL,
        retryPolicy: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
        ...overrides,
      }),
    async injectFault(spec) {
      const response = await fetch(faultsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spec),
      });
      if (response.status !== 201) throw new Error(`fault not accepted: ${response.status} ${await response.text()}`);
    },
    async clearFaults() {
      await fetch(faultsUrl, { method: 'DELETE' });
    },
    async close() {
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the managed account holds at Telnyx, read back through the API. */
export async function telnyxResources(client: Telnyx) {
  const all = async <T>(items: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
  };
  return {
    outboundVoiceProfiles: await all(client.outboundVoiceProfiles.list()),
    texmlApplications: await all(client.texmlApplications.list()),
    credentialConnections: await all(client.credentialConnections.list()),
    telephonyCredentials: await all(client.telephonyCredentials.list()),
    phoneNumbers: await all(client.phoneNumbers.list()),
  };
}
