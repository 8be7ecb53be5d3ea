/* eslint-disable max-lines -- one simulator started once for every resource, driven through the official Telnyx SDK and raw HTTP alike */
import Telnyx from 'telnyx';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelnyxSimulator, type RunningSimulator } from '../index';
import { numberOrderCompleted } from './testing/number-order-complete';
import { verifyTelephonyToken } from './telephony-tokens';

let sim: RunningSimulator;
let root: Telnyx;

beforeAll(async () => {
  sim = await startTelnyxSimulator({ port: 0 });
  root = new Telnyx({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await sim.close();
});

async function apiError(call: Promise<unknown>): Promise<InstanceType<typeof Telnyx.APIError>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Telnyx.APIError);
  return error as InstanceType<typeof Telnyx.APIError>;
}

async function provision(client: Telnyx, suffix: string) {
  const profile = await client.outboundVoiceProfiles.create({
    name: `Curbe outbound ${suffix}`,
    daily_spend_limit: '25.00',
    daily_spend_limit_enabled: true,
    whitelisted_destinations: ['US', 'CA'],
    tags: ['curbe', `tenant-${suffix}`],
  });
  const app = await client.texmlApplications.create({
    friendly_name: `Curbe inbound ${suffix}`,
    voice_url: 'https://crm.example.com/webhooks/telnyx/voice',
    status_callback: 'https://crm.example.com/webhooks/telnyx/status',
    outbound: { outbound_voice_profile_id: profile.data!.id! },
    tags: ['curbe'],
  });
  const connection = await client.credentialConnections.create({
    connection_name: `Curbe web phone ${suffix}`,
    user_name: `curbewebphone${suffix}`,
    password: 'a-long-password-1',
    webhook_api_version: 'texml',
    webhook_event_url: 'https://crm.example.com/webhooks/telnyx/outbound',
    sip_uri_calling_preference: 'internal',
    outbound: { call_parking_enabled: true, outbound_voice_profile_id: profile.data!.id! },
    tags: ['curbe'],
  });
  return { profile: profile.data!, app: app.data!, connection: connection.data! };
}

describe('Telnyx simulator REST API through the official SDK', () => {
  it('creates, lists, reads, updates and deletes outbound voice profiles', async () => {
    const created = (
      await root.outboundVoiceProfiles.create({
        name: 'Spend capped',
        daily_spend_limit: '25.00',
        daily_spend_limit_enabled: true,
        tags: ['ovp-test'],
      })
    ).data!;
    expect(created.id).toMatch(/^\d{19}$/);
    expect(created).toMatchObject({
      record_type: 'outbound_voice_profile',
      daily_spend_limit: '25.00',
      whitelisted_destinations: ['US', 'CA'],
      service_plan: 'global',
    });

    const updated = (
      await root.outboundVoiceProfiles.update(created.id!, { name: 'Spend capped v2', concurrent_call_limit: 10 })
    ).data!;
    expect(updated).toMatchObject({ name: 'Spend capped v2', concurrent_call_limit: 10, daily_spend_limit: '25.00' });
    expect((await root.outboundVoiceProfiles.retrieve(created.id!)).data!.name).toBe('Spend capped v2');

    const listed = await root.outboundVoiceProfiles.list({ filter: { name: { contains: 'capped v2' } } });
    expect(listed.data.map((p) => p.id)).toEqual([created.id]);

    // The SDK's auto-pagination walks every page the simulator reports.
    for (const n of [1, 2, 3]) await root.outboundVoiceProfiles.create({ name: `Paged profile ${n}` });
    const paged: string[] = [];
    for await (const p of root.outboundVoiceProfiles.list({
      filter: { name: { contains: 'paged profile' } },
      'page[size]': 2,
      sort: 'name',
    }))
      paged.push(p.name);
    expect(paged).toEqual(['Paged profile 1', 'Paged profile 2', 'Paged profile 3']);

    expect((await root.outboundVoiceProfiles.delete(created.id!)).data!.id).toBe(created.id);
    expect((await apiError(root.outboundVoiceProfiles.retrieve(created.id!))).status).toBe(404);
  });

  it('creates, lists, reads, updates and deletes TeXML applications and credential connections', async () => {
    const { profile, app, connection } = await provision(root, 'crud');
    expect(app).toMatchObject({
      record_type: 'texml_application',
      voice_method: 'post',
      outbound: { outbound_voice_profile_id: profile.id },
    });
    expect(connection).toMatchObject({
      record_type: 'credential_connection',
      webhook_api_version: 'texml',
      outbound: { call_parking_enabled: true },
    });

    const renamed = (
      await root.texmlApplications.update(app.id!, {
        friendly_name: 'Curbe inbound renamed',
        voice_url: app.voice_url!,
      })
    ).data!;
    expect(renamed.friendly_name).toBe('Curbe inbound renamed');
    expect((await root.texmlApplications.list({ filter: { friendly_name: 'renamed' } })).data.map((a) => a.id)).toEqual(
      [app.id],
    );
    expect((await root.texmlApplications.retrieve(app.id!)).data!.voice_url).toBe(app.voice_url);

    const active = (await root.credentialConnections.update(connection.id!, { active: false })).data!;
    expect(active.active).toBe(false);
    expect(
      (await root.credentialConnections.list({ filter: { connection_name: { contains: 'web phone crud' } } })).data.map(
        (c) => c.id,
      ),
    ).toEqual([connection.id]);
    expect((await root.credentialConnections.retrieve(connection.id!)).data!.user_name).toBe('curbewebphonecrud');

    await root.texmlApplications.delete(app.id!);
    await root.credentialConnections.delete(connection.id!);
    expect((await apiError(root.texmlApplications.retrieve(app.id!))).status).toBe(404);
    expect((await apiError(root.credentialConnections.retrieve(connection.id!))).status).toBe(404);
  });

  it('keeps SIP URI calling disabled unless asked, and accepts only the preferences Telnyx knows', async () => {
    const created = (
      await root.credentialConnections.create({
        connection_name: 'Curbe web phone sipuri',
        user_name: 'curbewebphonesipuri',
        password: 'a-long-password-1',
      })
    ).data!;
    expect(created.sip_uri_calling_preference).toBe('disabled');

    const internal = (await root.credentialConnections.update(created.id!, { sip_uri_calling_preference: 'internal' }))
      .data!;
    expect(internal.sip_uri_calling_preference).toBe('internal');

    const response = await fetch(`${sim.apiBaseUrl}/credential_connections/${created.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sim.rootApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sip_uri_calling_preference: 'everyone' }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { code: string; source?: { pointer?: string } }[] };
    expect(body.errors).toEqual([
      expect.objectContaining({ code: '10015', source: { pointer: '/sip_uri_calling_preference' } }),
    ]);
    const refusedCreate = await apiError(
      root.credentialConnections.create({
        connection_name: 'Curbe web phone sipuri 2',
        user_name: 'curbewebphonesipuri2',
        password: 'a-long-password-1',
        sip_uri_calling_preference: 'anyone' as 'internal',
      }),
    );
    expect(refusedCreate.status).toBe(422);
    expect((await root.credentialConnections.retrieve(created.id!)).data!.sip_uri_calling_preference).toBe('internal');
  });

  it('refuses references to resources the account does not own', async () => {
    const error = await apiError(
      root.texmlApplications.create({
        friendly_name: 'x',
        voice_url: 'https://x.example.com/v',
        outbound: { outbound_voice_profile_id: '1999999999999999999' },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.error).toMatchObject({
      errors: [{ code: '10015', source: { pointer: '/outbound/outbound_voice_profile_id' } }],
    });
  });

  it('issues telephony credentials with generated SIP logins and signed access tokens', async () => {
    const { app, connection } = await provision(root, 'cred');
    // A TeXML application is not a credential connection.
    expect((await apiError(root.telephonyCredentials.create({ connection_id: app.id! }))).status).toBe(422);

    const credential = (
      await root.telephonyCredentials.create({ connection_id: connection.id!, name: 'Agent Ann', tag: 'agent-ann' })
    ).data!;
    expect(credential.sip_username).toMatch(/^gencred[A-Za-z0-9]{22}$/);
    expect(credential.sip_password).toMatch(/^[0-9a-f]{32}$/);
    expect(credential).toMatchObject({
      record_type: 'credential',
      resource_id: `connection:${connection.id}`,
      expired: false,
    });
    expect(sim.state.findCredentialBySipUsername(credential.sip_username!)?.record.id).toBe(credential.id);

    const token = await root.telephonyCredentials.createToken(credential.id!);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS512', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      aud: 'telnyx_telephony',
      iss: 'telnyx_telephony',
      sub: credential.id,
      typ: 'access',
    });
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims['tel_token']).toBe('string');
    expect(claims.exp! - claims.iat!).toBe(28 * 24 * 3600);
    expect(claims.nbf).toBeLessThanOrEqual(claims.iat!);
    await expect(verifyTelephonyToken(token)).resolves.toMatchObject({ credentialId: credential.id });

    expect((await root.telephonyCredentials.list({ filter: { tag: 'agent-ann' } })).data.map((c) => c.id)).toEqual([
      credential.id,
    ]);
    expect((await root.telephonyCredentials.retrieve(credential.id!)).data!.sip_username).toBe(credential.sip_username);
    await root.telephonyCredentials.delete(credential.id!);
    expect((await apiError(root.telephonyCredentials.createToken(credential.id!))).status).toBe(404);
  });

  it('searches available numbers, orders them onto a connection and re-points them', async () => {
    const { app, connection } = await provision(root, 'numbers');
    const search = await root.availablePhoneNumbers.list({
      filter: {
        country_code: 'US',
        locality: 'Miami',
        administrative_area: 'FL',
        limit: 3,
        features: ['voice', 'sms'],
        phone_number: { starts_with: '305' },
      },
    });
    expect(search.data).toHaveLength(3);
    for (const n of search.data!) expect(n.phone_number).toMatch(/^\+1305[2-9]\d{6}$/);
    // Deterministic: the same search gives the same numbers.
    const again = await root.availablePhoneNumbers.list({
      filter: {
        country_code: 'US',
        locality: 'Miami',
        administrative_area: 'FL',
        limit: 3,
        features: ['voice', 'sms'],
        phone_number: { starts_with: '305' },
      },
    });
    expect(again.data!.map((n) => n.phone_number)).toEqual(search.data!.map((n) => n.phone_number));
    const endsWith = await root.availablePhoneNumbers.list({
      filter: { country_code: 'US', phone_number: { ends_with: '42' }, limit: 5 },
    });
    for (const n of endsWith.data!) expect(n.phone_number!.endsWith('42')).toBe(true);

    const chosen = search.data![0]!.phone_number!;
    const order = (
      await root.numberOrders.create({
        phone_numbers: [{ phone_number: chosen }],
        connection_id: app.id!,
        customer_reference: 'tenant-numbers',
      })
    ).data!;
    expect(order).toMatchObject({ status: 'pending', phone_numbers_count: 1, connection_id: app.id });
    expect((await numberOrderCompleted(root, order.id!)).status).toBe('success');
    expect((await root.numberOrders.retrieve(order.id!)).data!.phone_numbers![0]!.phone_number).toBe(chosen);
    expect(
      (await root.numberOrders.list({ filter: { customer_reference: 'tenant-numbers' } })).data.map((o) => o.id),
    ).toEqual([order.id]);

    // An owned number is no longer offered, and cannot be ordered twice.
    const after = await root.availablePhoneNumbers.list({
      filter: { country_code: 'US', locality: 'Miami', limit: 3, phone_number: { starts_with: '305' } },
    });
    expect(after.data!.map((n) => n.phone_number)).not.toContain(chosen);
    const twice = await apiError(root.numberOrders.create({ phone_numbers: [{ phone_number: chosen }] }));
    expect(twice.error).toMatchObject({ errors: [{ source: { pointer: '/phone_numbers/0/phone_number' } }] });

    const owned = (await root.phoneNumbers.list({ filter: { phone_number: chosen } })).data;
    expect(owned).toHaveLength(1);
    const number = owned[0]!;
    expect(number).toMatchObject({
      phone_number: chosen,
      connection_id: app.id,
      connection_name: app.friendly_name,
      status: 'active',
    });
    expect(sim.state.findPhoneNumber(chosen)?.record['connection_id']).toBe(app.id);

    const moved = (
      await root.phoneNumbers.update(number.id, { connection_id: connection.id!, tags: ['curbe', 'tenant-numbers'] })
    ).data!;
    expect(moved).toMatchObject({
      connection_id: connection.id,
      connection_name: connection.connection_name,
      tags: ['curbe', 'tenant-numbers'],
    });
    expect((await root.phoneNumbers.list({ filter: { tag: 'tenant-numbers' } })).data.map((n) => n.id)).toEqual([
      number.id,
    ]);
    expect((await root.phoneNumbers.list({ filter: { connection_id: app.id! } })).data).toEqual([]);
    expect((await root.phoneNumbers.retrieve(number.id)).data!.connection_id).toBe(connection.id);
    expect((await apiError(root.phoneNumbers.update(number.id, { connection_id: '1999999999999999999' }))).status).toBe(
      422,
    );

    const released = (await root.phoneNumbers.delete(number.id)).data!;
    expect(released).toMatchObject({ id: number.id, status: 'deleted' });
    expect(sim.state.findPhoneNumber(chosen)).toBeUndefined();
    expect((await apiError(root.phoneNumbers.retrieve(number.id))).status).toBe(404);
  });

  it('gives each managed account its own key and keeps accounts apart', async () => {
    const managed = (await root.managedAccounts.create({ business_name: 'Sunshine Insurance Agency' })).data!;
    expect(managed.api_key).toMatch(/^KEY[0-9A-F]{32}_[A-Za-z0-9_-]{22}$/);
    expect(managed).toMatchObject({ record_type: 'managed_account', organization_name: 'Sunshine Insurance Agency' });
    const listed = await root.managedAccounts.list({ filter: { organization_name: { contains: 'sunshine' } } });
    expect(listed.data.map((a) => a.id)).toEqual([managed.id]);
    expect(listed.data[0]).not.toHaveProperty('api_key');

    const tenant = root.withOptions({ apiKey: managed.api_key });
    const rootProfile = (await root.outboundVoiceProfiles.create({ name: 'Root only profile' })).data!;
    const tenantProfile = (await tenant.outboundVoiceProfiles.create({ name: 'Tenant profile' })).data!;

    expect((await apiError(tenant.outboundVoiceProfiles.retrieve(rootProfile.id!))).status).toBe(404);
    expect((await apiError(root.outboundVoiceProfiles.retrieve(tenantProfile.id!))).status).toBe(404);
    expect((await tenant.outboundVoiceProfiles.list()).data.map((p) => p.id)).toEqual([tenantProfile.id]);
    // A managed account is not a manager.
    expect((await apiError(tenant.managedAccounts.create({ business_name: 'Nested' }))).status).toBe(403);

    const stranger = root.withOptions({ apiKey: 'KEY00000000000000000000000000000000_notarealkeynotarealkey' });
    const unauthorized = await apiError(stranger.outboundVoiceProfiles.list());
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.error).toMatchObject({ errors: [{ code: '10009' }] });
  });
});

describe('request validation', () => {
  async function post(path: string, body: unknown) {
    const response = await fetch(`${sim.apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.rootApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        errors: { code: string; source?: { pointer?: string; parameter?: string } }[];
      },
    };
  }

  it('rejects missing, mistyped and unknown body fields with 422 and a pointer to each', async () => {
    const missing = await post('/texml_applications', { voice_url: 'https://x.example.com/v' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual(
      expect.objectContaining({ code: '10015', source: { pointer: '/friendly_name' } }),
    );

    // outbound_voice_profile_id belongs inside `outbound`, usage_limit does not exist at all.
    const misplaced = await post('/texml_applications', {
      friendly_name: 'x',
      voice_url: 'https://x.example.com/v',
      outbound_voice_profile_id: '1',
    });
    expect(misplaced.body.errors.map((e) => e.source?.pointer)).toEqual(['/outbound_voice_profile_id']);
    const unknown = await post('/outbound_voice_profiles', { name: 'Capped', usage_limit: 25 });
    expect(unknown.body.errors.map((e) => e.source?.pointer)).toEqual(['/usage_limit']);

    const wrongType = await post('/outbound_voice_profiles', { name: 'Capped', daily_spend_limit: 25 });
    expect(wrongType.body.errors.map((e) => e.source?.pointer)).toEqual(['/daily_spend_limit']);
    const badEnum = await post('/outbound_voice_profiles', { name: 'Capped', service_plan: 'us' });
    expect(badEnum.body.errors.map((e) => e.source?.pointer)).toEqual(['/service_plan']);

    // SIP credentials are generated by Telnyx, never sent.
    const generated = await post('/telephony_credentials', { connection_id: '1', sip_username: 'me' });
    expect(generated.body.errors.map((e) => e.source?.pointer)).toEqual(['/sip_username']);
    // Nothing was created by any rejected request.
    expect(
      sim.state
        .list([...sim.state.accounts.values()][0]!.id, 'outbound_voice_profile')
        .some((p) => p['name'] === 'Capped'),
    ).toBe(false);
  });

  it('rejects invalid query parameters with 422 naming the parameter', async () => {
    const response = await fetch(
      `${sim.apiBaseUrl}/available_phone_numbers?filter[features]=voice,teleport&filter[limit]=many`,
      {
        headers: { authorization: `Bearer ${sim.rootApiKey}` },
      },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { source: { parameter: string } }[] };
    expect(body.errors.map((e) => e.source.parameter).sort()).toEqual(['filter[features][1]', 'filter[limit]']);
  });

  it('answers malformed JSON and unknown endpoints in Telnyx error shape', async () => {
    const malformed = await fetch(`${sim.apiBaseUrl}/outbound_voice_profiles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.rootApiKey}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    const missing = await fetch(`${sim.apiBaseUrl}/no_such_thing`, {
      headers: { authorization: `Bearer ${sim.rootApiKey}` },
    });
    expect(missing.status).toBe(404);
  });
});
