/**
 * Every response the simulator sends during a tour of all served operations must match the operation's
 * response schema in Telnyx's spec (spec/telnyx-subset.json).
 */
import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type RecordedExchange, type RunningSimulator } from '../index';
import { operationContract } from './operation-contracts';
import { SERVED_OPERATION_IDS } from './served-operations';
import { numberOrderCompleted } from '../rest/testing/number-order-complete';

const exchanges: RecordedExchange[] = [];
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTelnyxSimulator({ port: 0, onExchange: (e) => exchanges.push(e) });
  await tourEveryOperation(sim);
});
afterAll(async () => {
  await sim.close();
});

async function tourEveryOperation(s: RunningSimulator): Promise<void> {
  const root = new Telnyx({ apiKey: s.rootApiKey, baseURL: s.apiBaseUrl, maxRetries: 0 });
  const ignoreError = (p: Promise<unknown>) => p.catch(() => undefined);

  const managed = (
    await root.managedAccounts.create({
      business_name: 'Tour Agency',
      email: 'owner@tour.example.com',
      rollup_billing: true,
    })
  ).data!;
  await root.managedAccounts.list();
  await root.managedAccounts.retrieve(managed.id);
  await ignoreError(root.managedAccounts.retrieve('00000000-0000-4000-8000-000000000000'));

  const profile = (
    await root.outboundVoiceProfiles.create({
      name: 'Tour profile',
      daily_spend_limit: '25.00',
      daily_spend_limit_enabled: true,
      concurrent_call_limit: 5,
      max_destination_rate: 0.5,
      call_recording: { call_recording_type: 'all', call_recording_channels: 'dual', call_recording_format: 'mp3' },
      tags: ['tour'],
    })
  ).data!;
  await root.outboundVoiceProfiles.list({
    filter: { name: { contains: 'tour' } },
    'page[number]': 1,
    'page[size]': 5,
    sort: 'name',
  });
  await root.outboundVoiceProfiles.retrieve(profile.id!);
  await root.outboundVoiceProfiles.update(profile.id!, { name: 'Tour profile 2', enabled: false });
  await ignoreError(root.outboundVoiceProfiles.create({ name: 'x' }));

  const app = (
    await root.texmlApplications.create({
      friendly_name: 'Tour app',
      voice_url: 'https://tour.example.com/voice',
      voice_fallback_url: 'https://tour.example.com/fallback',
      status_callback: 'https://tour.example.com/status',
      status_callback_method: 'get',
      outbound: { outbound_voice_profile_id: profile.id!, channel_limit: 4 },
      inbound: { channel_limit: 4 },
      tags: ['tour'],
    })
  ).data!;
  await root.texmlApplications.list({ filter: { outbound_voice_profile_id: profile.id! } });
  await root.texmlApplications.retrieve(app.id!);
  await root.texmlApplications.update(app.id!, {
    friendly_name: 'Tour app 2',
    voice_url: 'https://tour.example.com/voice2',
  });
  await ignoreError(root.texmlApplications.retrieve('1'));

  const connection = (
    await root.credentialConnections.create({
      connection_name: 'Tour phone',
      user_name: 'touruser',
      password: 'tour-password',
      webhook_api_version: 'texml',
      webhook_event_url: 'https://tour.example.com/outbound',
      outbound: { call_parking_enabled: true, outbound_voice_profile_id: profile.id! },
      tags: ['tour'],
    })
  ).data!;
  await root.credentialConnections.list();
  await root.credentialConnections.retrieve(connection.id!);
  await root.credentialConnections.update(connection.id!, { sip_uri_calling_preference: 'internal' });
  await ignoreError(
    root.credentialConnections.create({ connection_name: 'dup', user_name: 'touruser', password: 'p' }),
  );

  const credential = (
    await root.telephonyCredentials.create({
      connection_id: connection.id!,
      name: 'Tour agent',
      tag: 'tour',
      expires_at: '2099-01-01T00:00:00Z',
    })
  ).data!;
  await root.telephonyCredentials.list({ filter: { tag: 'tour' } });
  await root.telephonyCredentials.retrieve(credential.id!);
  await root.telephonyCredentials.createToken(credential.id!);

  const available = (
    await root.availablePhoneNumbers.list({ filter: { country_code: 'US', administrative_area: 'TX', limit: 2 } })
  ).data!;
  await root.availablePhoneNumbers.list({ filter: { country_code: 'GB' } });
  const order = (
    await root.numberOrders.create({
      phone_numbers: available.map((n) => ({ phone_number: n.phone_number! })),
      connection_id: app.id!,
      customer_reference: 'tour',
    })
  ).data!;
  await root.numberOrders.retrieve(order.id!);
  await numberOrderCompleted(root, order.id!);
  await root.numberOrders.list();
  await ignoreError(root.numberOrders.create({ phone_numbers: [] }));

  const numbers = (await root.phoneNumbers.list({ filter: { connection_id: app.id! } })).data;
  await root.phoneNumbers.retrieve(numbers[0]!.id);
  await root.phoneNumbers.update(numbers[0]!.id, {
    connection_id: connection.id!,
    tags: ['tour'],
    customer_reference: 'tour-2',
  });
  await root.phoneNumbers.delete(numbers[1]!.id);
  await ignoreError(root.phoneNumbers.retrieve(numbers[1]!.id));

  await root.telephonyCredentials.delete(credential.id!);
  await root.credentialConnections.delete(connection.id!);
  await root.texmlApplications.delete(app.id!);
  await root.outboundVoiceProfiles.delete(profile.id!);
}

describe('spec conformance of simulator responses', () => {
  it('the tour reached every served operation', () => {
    const reached = new Set(exchanges.filter((e) => e.status < 300).map((e) => e.operationId));
    expect([...SERVED_OPERATION_IDS].filter((id) => !reached.has(id))).toEqual([]);
    expect(exchanges.some((e) => e.status >= 400)).toBe(true);
  });

  it("every recorded response matches its operation's response schema", () => {
    const problems = exchanges.flatMap((e) =>
      operationContract(e.operationId)
        .checkResponse(e.status, e.contentType, e.body)
        .map((p) => `${e.method} ${e.url} → ${e.status}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('a response that drifts from the spec fails validation', () => {
    const read = exchanges.find((e) => e.operationId === 'RetrievePhoneNumber' && e.status === 200)!;
    const contract = operationContract('RetrievePhoneNumber');
    expect(contract.checkResponse(200, read.contentType, read.body)).toEqual([]);

    const data = (read.body as { data: Record<string, unknown> }).data;
    const { phone_number: _dropped, ...missingRequired } = data;
    expect(contract.checkResponse(200, read.contentType, { data: missingRequired })).not.toEqual([]);
    expect(contract.checkResponse(200, read.contentType, { data: { ...data, tags: 'tour' } })).not.toEqual([]);
    expect(contract.checkResponse(200, read.contentType, { data: { ...data, status: 'bought' } })).not.toEqual([]);
    expect(contract.checkResponse(201, read.contentType, read.body)).not.toEqual([]);
    expect(operationContract('CreateTelephonyCredentialToken').checkResponse(201, 'application/json', {})).not.toEqual(
      [],
    );
  });
});
