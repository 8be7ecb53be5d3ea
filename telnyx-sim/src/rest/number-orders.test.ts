import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type RunningSimulator } from '../index';
import { numberOrderCompleted } from './testing/number-order-complete';

let sim: RunningSimulator;
let tenant: Telnyx;

beforeAll(async () => {
  sim = await startTelnyxSimulator({ port: 0 });
  const root = new Telnyx({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
  const managed = (await root.managedAccounts.create({ business_name: 'Orders Agency' })).data!;
  tenant = new Telnyx({ apiKey: managed.api_key, baseURL: sim.apiBaseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await sim.close();
});

async function searched(areaCode: string, limit = 1): Promise<string[]> {
  const found = await tenant.availablePhoneNumbers.list({
    filter: { country_code: 'US', national_destination_code: areaCode, limit },
  });
  return found.data!.map((n) => n.phone_number!);
}

const owned = async (e164: string) => (await tenant.phoneNumbers.list({ filter: { phone_number: e164 } })).data;

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Telnyx.APIError);
  return error as InstanceType<typeof Telnyx.APIError>;
}

describe('number orders', () => {
  it('answer pending, and the number is the account’s only once the order succeeded', async () => {
    const [e164] = await searched('312');
    const placed = (await tenant.numberOrders.create({ phone_numbers: [{ phone_number: e164! }] })).data!;
    expect(placed).toMatchObject({ status: 'pending', phone_numbers: [{ phone_number: e164, status: 'pending' }] });
    expect(await owned(e164!)).toEqual([]);

    const done = await numberOrderCompleted(tenant, placed.id!);
    expect(done).toMatchObject({ status: 'success', phone_numbers: [{ phone_number: e164, status: 'success' }] });
    expect((await owned(e164!)).map((n) => n.status)).toEqual(['active']);
  });

  it('refuses a number no search of this account offered, and one already being ordered', async () => {
    const never = await refusal(tenant.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550199' }] }));
    expect(never.status).toBe(422);
    expect(never.error).toMatchObject({ errors: [{ source: { pointer: '/phone_numbers/0/phone_number' } }] });

    const [e164] = await searched('415');
    await tenant.numberOrders.create({ phone_numbers: [{ phone_number: e164! }] });
    const twice = await refusal(tenant.numberOrders.create({ phone_numbers: [{ phone_number: e164! }] }));
    expect(twice.status).toBe(422);
  });

  it('fails an order the control API said would fail, with the reason, and the number stays unowned', async () => {
    const [e164] = await searched('617');
    const control = await fetch(`${sim.url}/sim/number-orders/failures/${encodeURIComponent(e164!)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Number no longer available from the carrier' }),
    });
    expect(control.status).toBe(204);
    const placed = (await tenant.numberOrders.create({ phone_numbers: [{ phone_number: e164! }] })).data!;
    const done = await numberOrderCompleted(tenant, placed.id!);
    expect(done.status).toBe('failure');
    expect(done.phone_numbers![0]).toMatchObject({
      status: 'failure',
      requirements_met: false,
      regulatory_requirements: [{ field_value: 'Number no longer available from the carrier' }],
    });
    expect(await owned(e164!)).toEqual([]);
  });
});
