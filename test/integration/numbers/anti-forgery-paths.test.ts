import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@curbe-voice/backend';
import { createNumbersFixture, type NumbersFixture } from '../../support/numbers-fixture';

/**
 * The anti-forgery header guards the route the router matched, whatever spelling of the path reached
 * it: a request without the header is refused (403) or finds nothing (404), and the number stays assigned.
 */
let fx: NumbersFixture;
let phoneNumber: string;

beforeAll(async () => {
  fx = await createNumbersFixture();
  await fx.activate();
  const url = `/api/accounts/${fx.account.accountId}/numbers`;
  const search = await fx.app.inject({
    method: 'GET',
    url: `${url}/available?area_code=312&limit=1`,
    headers: fx.as(fx.ada),
  });
  phoneNumber = search.json<{ phoneNumber: string }[]>()[0]!.phoneNumber;
  const ordered = await fx.app.inject({
    method: 'POST',
    url,
    headers: fx.as(fx.ada),
    payload: { phone_number: phoneNumber },
  });
  expect(ordered.statusCode).toBe(201);
  await fx.delivered(phoneNumber);
  const assigned = await fx.app.inject({
    method: 'PUT',
    url: `/api/accounts/${fx.account.accountId}/numbers/${phoneNumber}/agent`,
    headers: fx.as(fx.ada),
    payload: { agent_id: fx.ana },
  });
  expect(assigned.statusCode).toBe(200);
});
afterAll(async () => {
  await fx?.close();
});

/** The admin's session cookie alone, as a page on another site would make the browser send it. */
const cookieOnly = () => {
  const { [CSRF_HEADER]: _header, ...rest } = fx.as(fx.ada);
  return rest;
};

const variants = (accountId: string, e164: string) => {
  const encoded = encodeURIComponent(e164);
  return [
    `/%61pi/accounts/${accountId}/numbers/${encoded}/agent`,
    `/%61%70%69/accounts/${accountId}/numbers/${encoded}/agent`,
    `/api/%61ccounts/${accountId}/numbers/${encoded}/agent`,
    `/API/accounts/${accountId}/numbers/${encoded}/agent`,
    `//api/accounts/${accountId}/numbers/${encoded}/agent`,
    `/api//accounts/${accountId}/numbers/${encoded}/agent`,
    `/api/accounts/${accountId}/numbers/${encoded}/agent/`,
    `/api/accounts/${accountId}/numbers/${encoded}/agent;x=1`,
    `/api;x=1/accounts/${accountId}/numbers/${encoded}/agent`,
    `/api/accounts/${accountId}/numbers/${encoded}/agent?x=1`,
    `/api/accounts/${accountId}/numbers/${encoded}/agent#x`,
  ];
};

describe('anti-forgery header on every spelling of a path', () => {
  it('refuses an unassignment without the header however the path is written, and the number stays assigned', async () => {
    for (const url of variants(fx.account.accountId, phoneNumber)) {
      const response = await fx.app.inject({ method: 'DELETE', url, headers: cookieOnly() });
      expect([403, 404], `${url} answered ${response.statusCode}`).toContain(response.statusCode);
    }
    const encoded = await fx.app.inject({
      method: 'DELETE',
      url: `/%61pi/accounts/${fx.account.accountId}/numbers/${encodeURIComponent(phoneNumber)}/agent`,
      headers: cookieOnly(),
    });
    expect(encoded.statusCode).toBe(403);
    const listed = await fx.app.inject({
      method: 'GET',
      url: `/api/accounts/${fx.account.accountId}/numbers`,
      headers: fx.as(fx.ada),
    });
    expect(listed.json()).toEqual([expect.objectContaining({ phoneNumber, agentId: fx.ana })]);
    const events = await fx.store.readAll({ filter: { eventTypePrefixes: ['NumberUnassignedFromAgent'] } });
    expect(events).toEqual([]);
  });
});
