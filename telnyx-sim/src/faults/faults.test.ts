import Telnyx from 'telnyx';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type Fault, type FaultSpec, type RunningSimulator } from '../index';

let sim: RunningSimulator;
let client: Telnyx;

beforeAll(async () => {
  sim = await startTelnyxSimulator({ port: 0 });
  client = new Telnyx({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
});
afterEach(async () => {
  await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await sim.close();
});

async function inject(spec: FaultSpec): Promise<Fault> {
  const response = await fetch(`${sim.url}/sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: Fault }).data;
}

async function faults(): Promise<Fault[]> {
  return ((await (await fetch(`${sim.url}/sim/faults`)).json()) as { data: Fault[] }).data;
}

async function profileNames(): Promise<string[]> {
  return (await client.outboundVoiceProfiles.list({ 'page[size]': 250 })).data.map((p) => p.name);
}

describe('fault injection', () => {
  it('fails a call once with a 5xx that changes nothing, then lets it through', async () => {
    await inject({ operationId: 'CreateVoiceProfile', status: 503, times: 1 });
    const error = await client.outboundVoiceProfiles.create({ name: 'After outage' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.InternalServerError);
    expect((error as InstanceType<typeof Telnyx.APIError>).status).toBe(503);
    expect(await profileNames()).not.toContain('After outage');

    await client.outboundVoiceProfiles.create({ name: 'After outage' });
    expect(await profileNames()).toContain('After outage');
  });

  it("lets the SDK's own retries ride over a transient 500", async () => {
    const fault = await inject({ method: 'POST', path: '/texml_applications', status: 500, retry_after: 0, times: 2 });
    const retrying = client.withOptions({ maxRetries: 2 });
    const app = await retrying.texmlApplications.create({
      friendly_name: 'Retried',
      voice_url: 'https://x.example.com/v',
    });
    expect(app.data!.friendly_name).toBe('Retried');
    const [after] = (await faults()).filter((f) => f.id === fault.id);
    expect(after).toMatchObject({ remaining: 0, hits: [expect.any(Number), expect.any(Number)] });
    expect((await client.texmlApplications.list({ filter: { friendly_name: 'Retried' } })).data).toHaveLength(1);
  });

  it('answers 429 with Retry-After, which the SDK waits for before retrying', async () => {
    const fault = await inject({ operationId: 'ListOutboundVoiceProfiles', status: 429, retry_after: 1.2, times: 1 });
    const raw = await fetch(`${sim.apiBaseUrl}/outbound_voice_profiles`, {
      headers: { authorization: `Bearer ${sim.rootApiKey}` },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1.2');
    expect(((await raw.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('10011');

    await inject({ operationId: 'ListOutboundVoiceProfiles', status: 429, retry_after: 1.2, times: 1 });
    await client.withOptions({ maxRetries: 1 }).outboundVoiceProfiles.list();
    const answeredAt = Date.now();
    const [hit] = (await faults()).filter((f) => f.id !== fault.id).flatMap((f) => f.hits);
    // The SDK's default first back-off is at most 0.5 s, so a gap of 1.2 s shows Retry-After was honoured.
    expect(answeredAt - hit!).toBeGreaterThanOrEqual(1200);
  });

  it('delays answers by latencyMs, enough for a client timeout to fire', async () => {
    await inject({ operationId: 'ListPhoneNumbers', latencyMs: 1500, times: 1 });
    const error = await client
      .withOptions({ timeout: 200 })
      .phoneNumbers.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.APIConnectionTimeoutError);

    await inject({ operationId: 'ListPhoneNumbers', latencyMs: 250, times: 1 });
    const started = Date.now();
    await client.phoneNumbers.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('holds a request without answering until the client gives up, creating nothing', async () => {
    await inject({ operationId: 'CreateCredentialConnection', timeout: true, times: 1 });
    const error = await client
      .withOptions({ timeout: 300 })
      .credentialConnections.create({ connection_name: 'Held', user_name: 'helduser', password: 'held-password' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.APIConnectionTimeoutError);
    expect((await client.credentialConnections.list()).data.map((c) => c.connection_name)).not.toContain('Held');
  });

  it('fails after commit: the resource exists although the client saw a 5xx', async () => {
    const [available] = (
      await client.availablePhoneNumbers.list({ filter: { country_code: 'US', locality: 'Boston', limit: 1 } })
    ).data!;
    await inject({ operationId: 'CreateNumberOrder', failAfterCommit: true, status: 502, times: 1 });
    const error = await client.numberOrders
      .create({ phone_numbers: [{ phone_number: available!.phone_number! }] })
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof Telnyx.APIError>).status).toBe(502);
    const orders = await client.numberOrders.list();
    expect(orders.data.map((o) => o.phone_numbers?.[0]?.phone_number)).toContain(available!.phone_number);
  });

  it('matches path patterns with {param} segments, counts down, and can be cleared', async () => {
    await inject({ method: 'GET', path: '/phone_numbers/{id}', status: 500, times: 'always' });
    const missing = await client.phoneNumbers.retrieve('123').catch((e: unknown) => e);
    expect((missing as InstanceType<typeof Telnyx.APIError>).status).toBe(500);
    await client.phoneNumbers.list(); // another path: unaffected
    expect((await faults())[0]).toMatchObject({ remaining: 'always', hits: [expect.any(Number)] });

    await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' });
    expect(await faults()).toEqual([]);
    expect(
      ((await client.phoneNumbers.retrieve('123').catch((e: unknown) => e)) as InstanceType<typeof Telnyx.APIError>)
        .status,
    ).toBe(404);
  });

  it('refuses a fault that says nothing about what to do or what to hit', async () => {
    const noEffect = await fetch(`${sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'ListPhoneNumbers' }),
    });
    expect(noEffect.status).toBe(400);
    const noTarget = await fetch(`${sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 500 }),
    });
    expect(noTarget.status).toBe(400);
    const badStatus = await fetch(`${sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'ListPhoneNumbers', status: 200 }),
    });
    expect(badStatus.status).toBe(400);
    expect(await faults()).toEqual([]);
  });
});
