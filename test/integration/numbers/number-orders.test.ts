import { numberStreamName } from '@curbe-voice/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNumbersFixture, type NumbersFixture } from '../../support/numbers-fixture';

let fx: NumbersFixture;

beforeEach(async () => {
  fx = await createNumbersFixture();
});
afterEach(async () => {
  await fx.close();
});

const admin = () => fx.as(fx.ada);
const numbersUrl = () => `/api/accounts/${fx.account.accountId}/numbers`;

async function simControl(path: string, body: unknown) {
  const response = await fetch(`${fx.sim.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}
async function searched(areaCode: string): Promise<string> {
  const search = await fx.app.inject({
    method: 'GET',
    url: `${numbersUrl()}/available?area_code=${areaCode}`,
    headers: admin(),
  });
  return search.json<{ phoneNumber: string }[]>()[0]!.phoneNumber;
}
const order = (phoneNumber: string) =>
  fx.app.inject({ method: 'POST', url: numbersUrl(), headers: admin(), payload: { phone_number: phoneNumber } });
const assign = (phoneNumber: string, agentId: string) =>
  fx.app.inject({
    method: 'PUT',
    url: `${numbersUrl()}/${phoneNumber}/agent`,
    headers: admin(),
    payload: { agent_id: agentId },
  });
const sync = () => fx.app.inject({ method: 'POST', url: `${numbersUrl()}/sync`, headers: admin() });
async function listed() {
  await fx.caughtUp();
  return (await fx.app.inject({ method: 'GET', url: numbersUrl(), headers: admin() })).json<
    Record<string, unknown>[]
  >();
}

describe('number orders', () => {
  it('keeps a number pending (not assignable) until Telnyx completes the order, then it is active and assignable', async () => {
    await fx.activate();
    // Telnyx takes its time: the order stays pending while we look.
    await simControl('/sim/number-orders', { completeAfterMs: 1500 });
    const phoneNumber = await searched('312');
    const ordered = await order(phoneNumber);
    expect(ordered.statusCode).toBe(201);
    expect(ordered.json()).toMatchObject({ phoneNumber, status: 'pending', phoneNumberId: null });
    expect(await listed()).toEqual([expect.objectContaining({ phoneNumber, status: 'pending', agentId: null })]);
    const early = await assign(phoneNumber, fx.ana);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ reason: 'order_pending', message: expect.stringContaining('being ordered') });
    const twice = await order(phoneNumber);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ reason: 'order_pending' });

    const row = await fx.delivered(phoneNumber);
    expect(row).toMatchObject({ status: 'active', phoneNumberId: expect.any(String) });
    expect((await assign(phoneNumber, fx.ana)).statusCode).toBe(200);
    expect((await fx.store.readStream(numberStreamName(phoneNumber))).map((e) => e.type)).toEqual([
      'NumberOrderPlaced',
      'NumberOrdered',
      'NumberAttachedToApplication',
      'NumberAssignedToAgent',
    ]);
  });

  it('shows a failed order with Telnyx’s reason, refuses to assign it, and lets it be ordered again', async () => {
    await fx.activate();
    const phoneNumber = await searched('415');
    await simControl(`/sim/number-orders/failures/${encodeURIComponent(phoneNumber)}`, {
      reason: 'Number no longer available from the carrier',
    });
    expect((await order(phoneNumber)).statusCode).toBe(201);
    const row = await fx.delivered(phoneNumber);
    expect(row).toMatchObject({
      status: 'failed',
      failureReason: 'Number no longer available from the carrier',
      phoneNumberId: null,
    });
    const refused = await assign(phoneNumber, fx.ana);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'order_failed', message: expect.stringContaining('carrier') });
    expect((await fx.accountClient.phoneNumbers.list({ filter: { phone_number: phoneNumber } })).data).toEqual([]);

    await searched('415');
    expect((await order(phoneNumber)).statusCode).toBe(201);
    expect(await fx.delivered(phoneNumber)).toMatchObject({ status: 'active', failureReason: null });
  });

  it('lists the numbers the managed account held before activation, ready to assign', async () => {
    const existing = await fx.orderedAtTelnyx('602');
    await fx.activate();
    const texmlApplicationId = (await fx.accountClient.phoneNumbers.list({ filter: { phone_number: existing } }))
      .data[0]!.connection_id;
    expect(await listed()).toEqual([
      expect.objectContaining({ phoneNumber: existing, status: 'active', texmlApplicationId, agentId: null }),
    ]);
    expect((await assign(existing, fx.ben)).json()).toMatchObject({ agentId: fx.ben });
    const [adopted] = await fx.store.readStream(numberStreamName(existing));
    expect(adopted).toMatchObject({ type: 'NumberOrdered', data: { adopted: true } });

    // Activation again (an agent added later) adopts nothing twice.
    await fx.accounts.addMember(
      fx.account.accountId,
      { email: 'cleo@demo.curbe.test', displayName: 'Cleo', role: 'agent' },
      { actor: 'system' },
    );
    await fx.activate();
    const story = await fx.store.readStream(numberStreamName(existing));
    expect(story.filter((e) => e.type === 'NumberOrdered')).toHaveLength(1);
  });

  it('syncs with Telnyx: adopts a number bought there directly and marks one that vanished there', async () => {
    await fx.activate();
    const kept = await searched('206');
    await order(kept);
    await fx.delivered(kept);
    const vanishing = await searched('303');
    await order(vanishing);
    const held = await fx.delivered(vanishing);
    expect((await assign(vanishing, fx.ana)).statusCode).toBe(200);

    const boughtOutside = await fx.orderedAtTelnyx('704');
    await fx.accountClient.phoneNumbers.delete(String(held['phoneNumberId']));

    const synced = await sync();
    expect(synced.statusCode).toBe(200);
    expect(synced.json()).toEqual({ adopted: [boughtOutside], missing: [vanishing] });
    const rows = await listed();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ phoneNumber: kept, status: 'active' }),
        expect.objectContaining({
          phoneNumber: boughtOutside,
          status: 'active',
          texmlApplicationId: expect.any(String),
        }),
        expect.objectContaining({ phoneNumber: vanishing, status: 'missing', agentId: null }),
      ]),
    );
    const attached = (await fx.accountClient.phoneNumbers.list({ filter: { phone_number: boughtOutside } })).data[0]!;
    expect(attached.connection_id).toEqual(rows.find((r) => r['phoneNumber'] === kept)!['texmlApplicationId']);
    expect((await assign(boughtOutside, fx.ben)).statusCode).toBe(200);
    expect((await assign(vanishing, fx.ana)).json()).toMatchObject({ reason: 'missing_at_telnyx' });

    // A second sync finds nothing new.
    expect((await sync()).json()).toEqual({ adopted: [], missing: [] });
    // An auditor may look but not sync.
    expect(
      (await fx.app.inject({ method: 'POST', url: `${numbersUrl()}/sync`, headers: fx.as(fx.audrey) })).statusCode,
    ).toBe(403);
  });
});
