import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import Telnyx from 'telnyx';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MikroORM } from '@mikro-orm/core';
import { openSqliteEventStore, withHashChain, type EventStore } from '@curbe-voice/event-store';
import { createReadModelOrm, ProjectionRunner } from '@curbe-voice/projections';
import { agentsProjector } from '@curbe-voice/projections/read-models/agents';
import { numbersProjector } from '@curbe-voice/projections/read-models/numbers';
import { routingProjector } from '@curbe-voice/projections/read-models/routing';
import { usersProjector } from '@curbe-voice/projections/read-models/users';
import { startTelnyxSimulator, type RunningSimulator } from '@curbe-voice/telnyx-sim';
import { numberOrderCompleted } from '@curbe-voice/telnyx-sim/rest/testing/number-order-complete';
import { demoUserId, seedDemoAccount } from '@curbe-voice/backend';
import {
  AccountRegistry,
  type AccountState,
  auditRoutes,
  buildNumberService,
  createSecretBox,
  createTelnyxGateway,
  createTestSessions,
  numbersRoutes,
  type NumberService,
  type SecretBox,
  sessionPlugin,
  TelephonySetupService,
} from '@curbe-voice/backend/testing';

/**
 * Everything real: a hash-chained SQLite event store in a temp dir, the simulator over HTTP with the
 * official SDK, SQLite read models fed by the projection runner, and a Fastify instance with the
 * numbers and audit routes. The demo account (Ada admin, Ana and Ben agents, Audrey auditor) is registered.
 */
export interface NumbersFixture {
  dir: string;
  eventsFile: string;
  sim: RunningSimulator;
  store: EventStore;
  secretBox: SecretBox;
  accounts: AccountRegistry;
  account: AccountState;
  /** The SDK with the managed account's key, to read back what Telnyx holds. */
  accountClient: Telnyx;
  /** The number service as the routes and the periodic sync build it. */
  numbers: NumberService;
  app: FastifyInstance;
  orm: MikroORM;
  ada: string;
  ana: string;
  ben: string;
  audrey: string;
  /** Headers of a member's signed-in browser (session cookie and anti-forgery header); the demo account by default. */
  as(userId: string, account?: AccountState): Record<string, string>;
  /** Runs the account's activation to the end. */
  activate(): Promise<void>;
  /** Waits until Telnyx delivered the ordered number and the list shows it settled (active or failed). */
  delivered(phoneNumber: string): Promise<Record<string, unknown>>;
  /** Searches and orders a number at Telnyx directly (outside the product), until Telnyx delivered it. */
  orderedAtTelnyx(areaCode: string): Promise<string>;
  /** Waits until every read model has applied everything in the store. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

export async function createNumbersFixture(): Promise<NumbersFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'curbe-numbers-'));
  const eventsFile = join(dir, 'events.sqlite');
  const sim = await startTelnyxSimulator({ port: 0 });
  const store = withHashChain(openSqliteEventStore({ filePath: eventsFile }));
  const secretBox = createSecretBox([{ id: 'k1', key: randomBytes(32) }]);
  const telnyx = createTelnyxGateway({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
  const accounts = new AccountRegistry({ store, telnyx, secretBox });
  const account = await seedDemoAccount({ accounts }, 'unused');
  const accountClient = new Telnyx({ apiKey: accounts.openApiKey(account), baseURL: sim.apiBaseUrl, maxRetries: 0 });
  const activation = new TelephonySetupService({
    store,
    telnyx,
    secretBox,
    accounts,
    publicUrl: 'https://voice.example.test',
    retryPolicy: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  });

  const projectors = [agentsProjector, numbersProjector, routingProjector, usersProjector];
  const orm = await createReadModelOrm({ dataDir: dir, entities: projectors.flatMap((p) => p.entities) });
  const runner = new ProjectionRunner({ store, orm, projectors });
  await runner.start();
  // Sessions are checked against the members' read model: have it before the first request.
  const seeded = (await store.readAll()).at(-1);
  if (seeded) await runner.waitFor(seeded.position, 10_000);

  const sessions = createTestSessions();
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  await app.register(sessionPlugin, { deps: sessions.deps(orm) });
  const wiring = { eventStore: store, accounts, telnyxGateway: telnyx, readModels: orm, projections: runner };
  await app.register(numbersRoutes, { deps: wiring });
  await app.register(auditRoutes, { deps: { eventStore: store } });
  await app.ready();

  // The admin who ordered watches the list until Telnyx delivers.
  const admin = () => sessions.headersOf(sessions.memberOf(account, demoUserId('admin@demo.curbe.test')));
  return {
    dir,
    eventsFile,
    sim,
    store,
    secretBox,
    accounts,
    account,
    accountClient,
    numbers: buildNumberService(wiring),
    app,
    orm,
    ada: demoUserId('admin@demo.curbe.test'),
    ana: demoUserId('ana@demo.curbe.test'),
    ben: demoUserId('ben@demo.curbe.test'),
    audrey: demoUserId('audit@demo.curbe.test'),
    as: (userId, of = account) => sessions.headersOf(sessions.memberOf(of, userId)),
    async activate() {
      const result = await activation.requestActivation(account.accountId, { actor: 'user:admin' });
      if (result.outcome !== 'started') throw new Error(`activation did not start: ${result.outcome}`);
      const outcome = await result.done;
      if (outcome.outcome !== 'completed') throw new Error(`activation ended ${outcome.outcome}`);
    },
    async delivered(phoneNumber) {
      for (let i = 0; ; i++) {
        const rows = (
          await app.inject({ method: 'GET', url: `/api/accounts/${account.accountId}/numbers`, headers: admin() })
        ).json<Record<string, unknown>[]>();
        const row = rows.find((r) => r['phoneNumber'] === phoneNumber);
        if (row && row['status'] !== 'pending') return row;
        if (i > 200) throw new Error(`${phoneNumber} was never delivered`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async orderedAtTelnyx(areaCode) {
      const offered = await accountClient.availablePhoneNumbers.list({
        filter: { country_code: 'US', national_destination_code: areaCode, limit: 1 },
      });
      const phoneNumber = offered.data![0]!.phone_number!;
      const order = await accountClient.numberOrders.create({ phone_numbers: [{ phone_number: phoneNumber }] });
      await numberOrderCompleted(accountClient, order.data!.id!);
      return phoneNumber;
    },
    async caughtUp() {
      const last = (await store.readAll()).at(-1);
      if (last) await runner.waitFor(last.position, 10_000);
    },
    async close() {
      await app.close();
      await runner.stop();
      await orm.close(true);
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
