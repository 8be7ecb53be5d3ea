import { numberStreamName } from '@curbe-voice/contracts';
import { RoutingEntryEntity } from '@curbe-voice/projections/read-models/routing';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNumbersFixture, type NumbersFixture } from '../../support/numbers-fixture';

let fx: NumbersFixture;

beforeEach(async () => {
  fx = await createNumbersFixture();
});
afterEach(async () => {
  await fx.close();
});

/** Ana, an agent of the demo account, signed in. */
const admin = () => fx.as(fx.ada);
const numbersUrl = () => `/api/accounts/${fx.account.accountId}/numbers`;

async function order(phoneNumber: string) {
  return fx.app.inject({ method: 'POST', url: numbersUrl(), headers: admin(), payload: { phone_number: phoneNumber } });
}
async function assign(phoneNumber: string, agentId: string) {
  return fx.app.inject({
    method: 'PUT',
    url: `${numbersUrl()}/${phoneNumber}/agent`,
    headers: admin(),
    payload: { agent_id: agentId },
  });
}
async function firstAvailable(areaCode: string): Promise<string> {
  const search = await fx.app.inject({
    method: 'GET',
    url: `${numbersUrl()}/available?area_code=${areaCode}&limit=3`,
    headers: admin(),
  });
  expect(search.statusCode).toBe(200);
  return search.json<{ phoneNumber: string }[]>()[0]!.phoneNumber;
}
async function routingOf(phoneNumber: string) {
  await fx.caughtUp();
  return fx.orm.em.fork().findOne(RoutingEntryEntity, { phoneNumber });
}
async function listed() {
  await fx.caughtUp();
  return (await fx.app.inject({ method: 'GET', url: numbersUrl(), headers: admin() })).json<
    Record<string, unknown>[]
  >();
}
/** Orders the number and waits until Telnyx delivered it (the list checks pending orders). */
async function orderDelivered(phoneNumber: string) {
  const ordered = await order(phoneNumber);
  expect(ordered.statusCode).toBe(201);
  await fx.delivered(phoneNumber);
  return ordered;
}

describe('phone numbers', () => {
  it('searches, orders onto the TeXML app, assigns, unassigns and releases — in events, at Telnyx and in the read models', async () => {
    await fx.activate();
    const search = await fx.app.inject({
      method: 'GET',
      url: `${numbersUrl()}/available?area_code=312&limit=3`,
      headers: admin(),
    });
    expect(search.statusCode).toBe(200);
    const offered = search.json<{ phoneNumber: string; locality: string }[]>();
    expect(offered).toHaveLength(3);
    for (const n of offered)
      expect(n).toMatchObject({ phoneNumber: expect.stringMatching(/^\+1312\d{7}$/), locality: 'Chicago' });
    const phoneNumber = offered[0]!.phoneNumber;

    const ordered = await order(phoneNumber);
    expect(ordered.statusCode).toBe(201);
    expect(ordered.json()).toMatchObject({ phoneNumber, status: 'pending', agentId: null, phoneNumberId: null });
    await fx.delivered(phoneNumber);
    const atTelnyx = (await fx.accountClient.phoneNumbers.list({ filter: { phone_number: phoneNumber } })).data[0]!;
    const texmlApplicationId = atTelnyx.connection_id;
    expect(texmlApplicationId).toEqual(expect.any(String));
    expect(await listed()).toEqual([
      expect.objectContaining({ phoneNumber, status: 'active', phoneNumberId: atTelnyx.id, texmlApplicationId }),
    ]);

    const assigned = await assign(phoneNumber, fx.ana);
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ agentId: fx.ana });
    const anaSip = (await fx.orm.em.fork().findOneOrFail(AgentViewEntity, { userId: fx.ana })).sipUsername;
    expect(anaSip).toEqual(expect.any(String));
    expect(await routingOf(phoneNumber)).toMatchObject({
      accountId: fx.account.accountId,
      agentId: fx.ana,
      sipUsername: anaSip,
    });
    expect(await listed()).toEqual([
      expect.objectContaining({
        phoneNumber,
        status: 'active',
        agentId: fx.ana,
        agentName: 'Ana Agent',
        texmlApplicationId,
      }),
    ]);

    const unassigned = await fx.app.inject({
      method: 'DELETE',
      url: `${numbersUrl()}/${phoneNumber}/agent`,
      headers: admin(),
    });
    expect(unassigned.statusCode).toBe(200);
    expect(unassigned.json()).toMatchObject({ agentId: null });
    expect(await routingOf(phoneNumber)).toMatchObject({ agentId: null, sipUsername: null });

    const released = await fx.app.inject({ method: 'DELETE', url: `${numbersUrl()}/${phoneNumber}`, headers: admin() });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released' });
    expect((await fx.accountClient.phoneNumbers.list({ filter: { phone_number: phoneNumber } })).data).toEqual([]);
    expect(await routingOf(phoneNumber)).toBeNull();
    expect(await listed()).toEqual([expect.objectContaining({ phoneNumber, status: 'released', agentId: null })]);

    const afterRelease = await assign(phoneNumber, fx.ana);
    expect(afterRelease.statusCode).toBe(409);
    expect(afterRelease.json()).toMatchObject({ reason: 'released' });

    const story = await fx.store.readStream(numberStreamName(phoneNumber));
    expect(story.map((e) => e.type)).toEqual([
      'NumberOrderPlaced',
      'NumberOrdered',
      'NumberAttachedToApplication',
      'NumberAssignedToAgent',
      'NumberUnassignedFromAgent',
      'NumberReleased',
    ]);
    expect(story.every((e) => e.metadata.actor === `user:${fx.ada}`)).toBe(true);
    expect(story[1]!.data).toMatchObject({
      accountId: fx.account.accountId,
      phoneNumberId: atTelnyx.id,
      numberOrderId: expect.any(String),
      adopted: false,
    });
  });

  it('gives a number to at most one agent: another agent is refused until it is unassigned, also under a race', async () => {
    const first = await firstAvailable('305');
    await orderDelivered(first);
    expect((await assign(first, fx.ana)).statusCode).toBe(200);
    expect((await assign(first, fx.ana)).statusCode).toBe(200); // same agent again: nothing new
    const taken = await assign(first, fx.ben);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ reason: 'assigned_to_other_agent' });
    await fx.app.inject({ method: 'DELETE', url: `${numbersUrl()}/${first}/agent`, headers: admin() });
    expect((await assign(first, fx.ben)).json()).toMatchObject({ agentId: fx.ben });

    const second = await firstAvailable('415');
    await orderDelivered(second);
    const raced = await Promise.all([assign(second, fx.ana), assign(second, fx.ben)]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const assignments = (await fx.store.readStream(numberStreamName(second))).filter(
      (e) => e.type === 'NumberAssignedToAgent',
    );
    expect(assignments).toHaveLength(1);
    expect((await routingOf(second))?.agentId).toBe((assignments[0]!.data as { agentId: string }).agentId);
  });

  it('answers bad input with clear 4xx errors and records nothing', async () => {
    const phoneNumber = await firstAvailable('212');
    await orderDelivered(phoneNumber);
    const other = await fx.accounts.register({ name: 'Other Agency' }, { actor: 'system' });
    const outsider = await fx.accounts.addMember(
      other.accountId,
      { email: 'olga@other.test', displayName: 'Olga', role: 'admin' },
      { actor: 'system' },
    );
    const othersAgent = await fx.accounts.addMember(
      other.accountId,
      { email: 'oscar@other.test', displayName: 'Oscar', role: 'agent' },
      { actor: 'system' },
    );
    await fx.caughtUp();
    const before = (await fx.store.readAll()).length;

    const cases: [Promise<{ statusCode: number; json(): unknown }>, number, string | undefined][] = [
      [order('555-0101'), 400, 'invalid_number'],
      [order('+1'), 400, 'invalid_number'],
      [fx.app.inject({ method: 'POST', url: numbersUrl(), headers: admin(), payload: {} }), 400, undefined],
      [
        fx.app.inject({ method: 'GET', url: `${numbersUrl()}/available?area_code=abc`, headers: admin() }),
        400,
        undefined,
      ],
      [assign(phoneNumber, 'no-such-agent'), 404, 'agent_not_found'],
      [assign(phoneNumber, outsider.userId), 404, 'agent_not_found'],
      [assign(phoneNumber, fx.audrey), 422, 'not_an_agent'],
      [assign('+13125559999', fx.ana), 404, 'number_not_found'],
      [assign('13125559999', fx.ana), 400, 'invalid_number'],
      // Olga runs her own agency and cannot give another agency's number to her agent.
      [
        fx.app.inject({
          method: 'PUT',
          url: `/api/accounts/${other.accountId}/numbers/${phoneNumber}/agent`,
          headers: fx.as(outsider.userId, (await fx.accounts.get(other.accountId))!),
          payload: { agent_id: othersAgent.userId },
        }),
        404,
        'number_not_found',
      ],
      // Ada may not act on an account she does not belong to, existing or not.
      [
        fx.app.inject({
          method: 'POST',
          url: '/api/accounts/no-such-account/numbers',
          headers: admin(),
          payload: { phone_number: '+13125550199' },
        }),
        403,
        undefined,
      ],
      [
        fx.app.inject({
          method: 'POST',
          url: `/api/accounts/${other.accountId}/numbers`,
          headers: admin(),
          payload: { phone_number: '+13125550199' },
        }),
        403,
        undefined,
      ],
      ...[fx.audrey, fx.ana].map((member): [Promise<{ statusCode: number; json(): unknown }>, number, undefined] => [
        fx.app.inject({
          method: 'POST',
          url: numbersUrl(),
          headers: fx.as(member),
          payload: { phone_number: '+13125550199' },
        }),
        403,
        undefined,
      ]),
      [order(phoneNumber), 409, 'already_owned'],
    ];
    for (const [response, status, reason] of cases) {
      const answered = await response;
      expect(answered.statusCode).toBe(status);
      expect(answered.json()).toMatchObject({
        statusCode: status,
        message: expect.any(String),
        ...(reason ? { reason } : {}),
      });
    }
    expect((await fx.store.readAll()).length).toBe(before);
  });

  it('adopts a number the account already owns at Telnyx, and attaches numbers ordered before activation', async () => {
    const early = await firstAvailable('512');
    const beforeActivation = await orderDelivered(early);
    expect(beforeActivation.json()).toMatchObject({ texmlApplicationId: null });

    const outside = await fx.orderedAtTelnyx('713');
    await fx.activate();

    // Activation adopted the number bought at Telnyx directly: ordering it again is refused.
    const again = await order(outside);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'already_owned' });
    const [adopted] = await fx.store.readStream(numberStreamName(outside));
    expect(adopted!.data).toMatchObject({ adopted: true, numberOrderId: null });
    const texmlApplicationId = (await fx.accountClient.phoneNumbers.list({ filter: { phone_number: outside } }))
      .data[0]!.connection_id;
    // The activation attached the early number (recorded on the account stream); the read model shows it.
    expect(await listed()).toEqual(
      expect.arrayContaining([expect.objectContaining({ phoneNumber: early, texmlApplicationId })]),
    );
  });
});
