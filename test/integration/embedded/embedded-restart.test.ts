import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Telnyx from 'telnyx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedTelnyx, type EmbeddedTelnyx } from '../../support/embedded-telnyx';
import {
  type Application,
  composeApplication,
  type Config,
  createLogger,
  DEMO_ACCOUNT_ID,
  loadConfig,
} from '@curbe-voice/backend';
import { TelephonySetupService } from '@curbe-voice/backend/testing';
import { numberOrderCompleted } from '@curbe-voice/telnyx-sim/rest/testing/number-order-complete';

/**
 * Embedded mode (`npm start`): the simulator that stands in for Telnyx runs beside the backend and keeps
 * its state under DATA_DIR. Restarting both must not make it forget the managed accounts, keys and
 * resources the backend holds.
 */

let dataDir: string;
let config: Config;
let telnyx: EmbeddedTelnyx | undefined;
const open: Application[] = [];
const logger = createLogger({ level: 'silent' });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-voice-restart-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((application) => application.close()));
  await telnyx?.simulator.close();
  telnyx = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts embedded mode: the simulator on its state file, then the backend pointed at it. */
async function compose(): Promise<Application> {
  telnyx = await startEmbeddedTelnyx(dataDir);
  const result = loadConfig({ DATA_DIR: dataDir, ...telnyx.environment });
  if (!result.ok) throw new Error(result.errors.join('; '));
  config = result.config;
  const application = await composeApplication(config, { logger, frontendDir: join(dataDir, 'none') });
  open.push(application);
  return application;
}

async function restart(application: Application): Promise<Application> {
  open.splice(open.indexOf(application), 1);
  await application.close();
  await telnyx?.simulator.close();
  return compose();
}

async function demoApiKey(application: Application): Promise<string> {
  const account = await application.deps.accounts.get(DEMO_ACCOUNT_ID);
  if (!account) throw new Error('the demo account was not seeded');
  return application.deps.accounts.openApiKey(account);
}

describe('the embedded backend after a restart', () => {
  it("still reaches the demo account's Telnyx resources and finishes an activation a stop interrupted", async () => {
    const first = await compose();
    const apiKey = await demoApiKey(first);
    const demoTelnyx = new Telnyx({ apiKey, baseURL: first.deps.telnyx.apiBaseUrl, maxRetries: 0 });
    const number = (await demoTelnyx.availablePhoneNumbers.list({ filter: { country_code: 'US', limit: 1 } })).data![0]!
      .phone_number!;
    const order = await demoTelnyx.numberOrders.create({ phone_numbers: [{ phone_number: number }] });
    await numberOrderCompleted(demoTelnyx, order.data!.id!);

    // The process stops right after Telnyx created the credential connection, before our stream knew it.
    const stopping = new TelephonySetupService({
      ...first.deps,
      telnyx: first.deps.telnyxGateway,
      store: first.deps.eventStore,
      publicUrl: config.publicUrl,
      beforeRecord: (step) => {
        if (step === 'credential_connection') throw new Error('process stopped');
      },
    });
    await expect(stopping.setupClientInfrastructure({ accountId: DEMO_ACCOUNT_ID }, apiKey)).rejects.toThrow(
      'process stopped',
    );
    const interrupted = await first.deps.activation.status(DEMO_ACCOUNT_ID);
    expect(interrupted).toMatchObject({ status: 'in_progress', credentialConnectionId: null });

    const second = await restart(first);
    expect(await demoApiKey(second)).toBe(apiKey);
    const demoNumbers = await second.deps.telnyxGateway.forAccount(apiKey).listPhoneNumbers();
    expect(demoNumbers.map((n) => n.phoneNumber)).toEqual([number]);

    // Start-up resumes the interrupted activation on the resources made before the restart.
    await second.deps.activation.settled(DEMO_ACCOUNT_ID);
    const activated = await second.deps.activation.status(DEMO_ACCOUNT_ID);
    expect(activated).toMatchObject({
      status: 'completed',
      outboundVoiceProfileId: interrupted.outboundVoiceProfileId,
      texmlApplicationId: interrupted.texmlApplicationId,
    });
    const telnyxAgain = new Telnyx({ apiKey, baseURL: second.deps.telnyx.apiBaseUrl, maxRetries: 0 });
    // The connection created before the stop was adopted, not made twice.
    expect((await telnyxAgain.credentialConnections.list()).data.map((c) => c.id)).toEqual([
      activated.credentialConnectionId,
    ]);
    expect((await telnyxAgain.phoneNumbers.list()).data.map((n) => [n.phone_number, n.connection_id])).toEqual([
      [number, activated.texmlApplicationId],
    ]);
  });
});
