import Telnyx from 'telnyx';
import { numberOrderCompleted } from './rest/testing/number-order-complete';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type RunningSimulator } from './index';
import { readWavHeader } from './recordings/wav';
import { verifyTelnyxSignature } from './signing/webhook-signer';
import { startCustomerServer, type CustomerServer } from './calls/testing/customer-server';
import { until } from './testing/until';

/**
 * The whole simulator as a customer meets it: resources made through the official SDK, then a PSTN
 * call to the ordered number runs the customer's TeXML and reports back with signed callbacks.
 */

let sim: RunningSimulator;
let customer: CustomerServer;
let tenant: Telnyx;
let ourNumber: string;
let managedId: string;

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(sim.url + path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function publicKeyOf(accountId: string): Promise<string> {
  const portal = await control('GET', `/sim/accounts/${accountId}/public-key`);
  return portal.body['public_key'] as string;
}

beforeAll(async () => {
  sim = await startTelnyxSimulator({ port: 0 });
  const root = new Telnyx({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
  const managed = (await root.managedAccounts.create({ business_name: 'Acceptance Insurance' })).data!;
  managedId = managed.id!;
  tenant = root.withOptions({ apiKey: managed.api_key });
  // The customer verifies with the key its own account's portal shows.
  customer = await startCustomerServer(await publicKeyOf(managedId));

  const app = (
    await tenant.texmlApplications.create({
      friendly_name: 'acceptance line',
      voice_url: `${customer.url}/voice`,
      status_callback: `${customer.url}/status`,
    })
  ).data!;
  const available = await tenant.availablePhoneNumbers.list({ filter: { country_code: 'US', limit: 1 } });
  ourNumber = available.data![0]!.phone_number!;
  const order = await tenant.numberOrders.create({
    phone_numbers: [{ phone_number: ourNumber }],
    connection_id: app.id!,
  });
  await numberOrderCompleted(tenant, order.data!.id!);
  await control('PUT', '/sim/settings', { timeScale: 0.01 });
});

afterAll(async () => {
  await sim?.close();
  await customer?.close();
});

describe('an inbound call to an ordered number', () => {
  it('fetches signed TeXML, records the dialled conversation and reports it with signed callbacks', async () => {
    customer.on(
      '/voice',
      `<?xml version="1.0" encoding="UTF-8"?><Response><Dial record="record-from-answer-dual" recordingStatusCallback="${customer.url}/recordings" timeout="30"><Number>+13125550199</Number></Dial></Response>`,
    );
    expect(
      (
        await control('PUT', '/sim/callees/+13125550199', {
          behaviour: 'answer',
          answerAfterMs: 1000,
          hangupAfterMs: 3000,
        })
      ).status,
    ).toBe(200);

    const placed = await control('POST', '/sim/calls/inbound', { from: '+13055550123', to: ourNumber });
    expect(placed.status).toBe(201);
    const callSid = placed.body['call_sid'] as string;

    const fetchRequest = await until(() => customer.at('/voice')[0], 'TeXML fetch');
    expect(fetchRequest.signatureValid).toBe(true);
    expect(fetchRequest.params).toMatchObject({
      CallSid: callSid,
      From: '+13055550123',
      To: ourNumber,
      ApiVersion: '2010-04-01',
    });

    const recording = await until(() => customer.at('/recordings')[0], 'recording callback');
    expect(recording.signatureValid).toBe(true);
    expect(recording.params).toMatchObject({ CallSid: callSid, RecordingStatus: 'completed', RecordingChannels: '2' });

    const completed = await until(
      () => customer.at('/status').find((r) => r.params['CallStatus'] === 'completed'),
      'completed status callback',
    );
    expect(customer.at('/status').every((r) => r.signatureValid)).toBe(true);
    expect(completed.params['CallSid']).toBe(callSid);

    const audio = await fetch(recording.params['RecordingUrl']!);
    expect(audio.status).toBe(200);
    const wav = readWavHeader(Buffer.from(await audio.arrayBuffer()));
    expect(wav.channels).toBe(2);
    // The callee talked for 3 s after answering: the recording is the bridged conversation.
    expect(wav.durationMs).toBe(3000);
    expect(Number(recording.params['RecordingDuration'])).toBe(3);

    const timeline = await control('GET', `/sim/calls/${encodeURIComponent(callSid)}`);
    expect(timeline.status).toBe(200);
  });

  it('refuses a call to a number nobody owns', async () => {
    const refused = await control('POST', '/sim/calls/inbound', { from: '+13055550123', to: '+19995550000' });
    expect(refused.status).toBe(404);
  });
});

describe('webhook signing keys', () => {
  const answerTexml = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';

  async function signedFetchOfACall(): Promise<{ rawBody: string; headers: Record<string, string> }> {
    customer.on('/voice', answerTexml);
    const before = customer.at('/voice').length;
    await control('POST', '/sim/calls/inbound', { from: '+13055550123', to: ourNumber });
    return until(() => customer.at('/voice')[before], 'TeXML fetch');
  }

  it("signs a managed account's requests with that account's own key, never the manager's", async () => {
    const managedKey = await publicKeyOf(managedId);
    expect(managedKey).not.toBe(sim.webhookPublicKey);
    const request = await signedFetchOfACall();
    expect(verifyTelnyxSignature(managedKey, request.rawBody, request.headers)).toBe(true);
    expect(verifyTelnyxSignature(sim.webhookPublicKey, request.rawBody, request.headers)).toBe(false);
  });

  it('signs with the new key once the account rotates it', async () => {
    const oldKey = await publicKeyOf(managedId);
    const rotated = await control('POST', `/sim/accounts/${managedId}/public-key/rotate`);
    expect(rotated.status).toBe(200);
    const newKey = rotated.body['public_key'] as string;
    expect(newKey).not.toBe(oldKey);
    expect(await publicKeyOf(managedId)).toBe(newKey);
    const request = await signedFetchOfACall();
    expect(verifyTelnyxSignature(newKey, request.rawBody, request.headers)).toBe(true);
    expect(verifyTelnyxSignature(oldKey, request.rawBody, request.headers)).toBe(false);
  });

  it('answers 404 for an account it does not have', async () => {
    expect((await control('GET', '/sim/accounts/00000000-0000-4000-8000-000000000000/public-key')).status).toBe(404);
  });
});
