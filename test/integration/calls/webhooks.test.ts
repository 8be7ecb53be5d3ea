import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStreamName, callStreamName } from '@curbe-voice/contracts';
import { WebhookSigner } from '@curbe-voice/telnyx-sim/signing/webhook-signer';
import { parseTexml } from '@curbe-voice/telnyx-sim/texml/parse-texml';
import { ANA_NUMBER, createCallFixture, users, type CallFixture } from '../../support/call-fixture';
import { type App, buildApp, DEMO_ACCOUNT_ID } from '@curbe-voice/backend';

/**
 * The webhooks as Telnyx calls them, signed with a key of our own (the app under test trusts it):
 * verification comes first, bad input is refused without a trace, redelivery and stale statuses add nothing.
 */
let fx: CallFixture;
let app: App;
const signer = WebhookSigner.generate();
/** The demo account's Telnyx account, which every webhook names (its AccountSid). */
let accountSid = '';
const form = (fields: Record<string, string>) => new URLSearchParams({ AccountSid: accountSid, ...fields }).toString();
const nowSec = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  fx = await createCallFixture();
  const { deps } = fx.server;
  accountSid = (await deps.accounts.get(DEMO_ACCOUNT_ID))!.telnyxAccountId;
  app = await buildApp(
    { ...deps, telnyx: { ...deps.telnyx, webhookPublicKey: signer.publicKeyBase64 } },
    { frontendDir: '/nonexistent' },
  );
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await fx?.close();
});

function post(
  url: string,
  body: string,
  options: { headers?: Record<string, string>; signedWith?: WebhookSigner; at?: number; contentType?: string } = {},
) {
  const signature = (options.signedWith ?? signer).sign(body, options.at ?? nowSec());
  return app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      ...signature,
      ...options.headers,
    },
  });
}

const storeSize = async () => (await fx.server.deps.eventStore.readAll()).length;
let sidCounter = 0;
const newCallSid = () => `v3:test-${Date.now()}-${++sidCounter}`;
const inbound = (callSid: string, to = ANA_NUMBER) =>
  form({
    CallSid: callSid,
    CallSidLegacy: callSid,
    From: '+17735550100',
    To: to,
    ConnectionId: 'conn',
    ApiVersion: '2010-04-01',
    CallStatus: 'ringing',
  });

describe('signature verification', () => {
  it('refuses unsigned, wrongly signed, tampered and stale requests with 401 and stores nothing', async () => {
    const before = await storeSize();
    const body = inbound(newCallSid());
    const unsigned = await app.inject({
      method: 'POST',
      url: '/webhooks/telnyx/inbound',
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const otherKey = await post('/webhooks/telnyx/inbound', body, { signedWith: WebhookSigner.generate() });
    const stale = await post('/webhooks/telnyx/status', body, { at: nowSec() - 301 });
    const future = await post('/webhooks/telnyx/recordings', body, { at: nowSec() + 301 });
    const signature = signer.sign(body, nowSec());
    const tampered = await app.inject({
      method: 'POST',
      url: '/webhooks/telnyx/inbound',
      payload: body.replace('%2B17735550100', '%2B17735550199'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signature },
    });
    for (const response of [unsigned, otherKey, stale, future, tampered]) expect(response.statusCode).toBe(401);
    expect(await storeSize()).toBe(before);
  });

  it('accepts a request signed within the tolerance', async () => {
    const response = await post('/webhooks/telnyx/inbound', inbound(newCallSid()), { at: nowSec() - 290 });
    expect(response.statusCode).toBe(200);
  });
});

describe('malformed bodies', () => {
  it('answers 400 for a signed body that is not a usable webhook, and stores nothing', async () => {
    const before = await storeSize();
    const missingCallSid = await post('/webhooks/telnyx/inbound', form({ From: '+17735550100', To: ANA_NUMBER }));
    const json = await post('/webhooks/telnyx/status', form({ CallSid: newCallSid(), CallStatus: 'ringing' }), {
      contentType: 'application/json',
    });
    const badStatus = await post('/webhooks/telnyx/status', form({ CallSid: newCallSid(), CallStatus: 'exploded' }));
    const badNumber = await post(
      '/webhooks/telnyx/status',
      form({ CallSid: newCallSid(), CallStatus: 'ringing', SequenceNumber: 'two' }),
    );
    const badUrl = await post(
      '/webhooks/telnyx/recordings',
      form({ CallSid: newCallSid(), RecordingSid: 'r', RecordingUrl: 'file:///etc/passwd' }),
    );
    for (const response of [missingCallSid, json, badStatus, badNumber, badUrl]) expect(response.statusCode).toBe(400);
    expect(missingCallSid.json()).toMatchObject({ message: expect.stringContaining('CallSid') });
    expect(await storeSize()).toBe(before);
  });
});

describe('hostile fields', () => {
  it('refuses, naming the field, what no column or stream name could hold, and stores nothing', async () => {
    const before = await storeSize();
    const cases: [string, Record<string, string>, string][] = [
      ['/webhooks/telnyx/inbound', { From: 'a\u0000b' }, 'From'],
      ['/webhooks/telnyx/inbound', { From: `+1${'7'.repeat(300)}` }, 'From'],
      ['/webhooks/telnyx/inbound', { CallSid: `v3:${'x'.repeat(200)}` }, 'CallSid'],
      ['/webhooks/telnyx/inbound', { CallSid: '__proto__' }, 'CallSid'],
      ['/webhooks/telnyx/inbound', { To: `+1${'3'.repeat(60)}` }, 'To'],
      ['/webhooks/telnyx/status', { CallStatus: 'completed', CallDuration: '9999999999' }, 'CallDuration'],
    ];
    for (const [url, fields, named] of cases) {
      const body = new URLSearchParams({
        AccountSid: accountSid,
        CallSid: newCallSid(),
        From: '+17735550100',
        To: ANA_NUMBER,
        CallStatus: 'ringing',
        ...fields,
      }).toString();
      const response = await post(url, body);
      expect(response.statusCode, `${url} ${JSON.stringify(fields).slice(0, 60)}`).toBe(400);
      expect(response.json()).toMatchObject({ message: expect.stringContaining(named) });
    }
    expect(await storeSize()).toBe(before);
  });

  it('answers a bad percent escape in a SIP address without a server error', async () => {
    const response = await post(
      '/webhooks/telnyx/outbound',
      form({
        CallSid: newCallSid(),
        From: 'sip:%E0%A4%A@sip.telnyx.com',
        To: 'sip:%zz@sip.telnyx.com',
        CallStatus: 'ringing',
      }),
    );
    expect(response.statusCode).toBeLessThan(500);
  });
});

describe('routing edge cases', () => {
  it('refuses a call to a number we do not hold, politely, and records why', async () => {
    const callSid = newCallSid();
    const response = await post('/webhooks/telnyx/inbound', inbound(callSid, '+13125550999'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const parsed = parseTexml(response.body);
    expect(parsed.ok && parsed.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Hangup']);
    const events = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
    expect(events.map((event) => [event.type, (event.data as { reason: string }).reason])).toEqual([
      ['CallRefused', 'unknown_number'],
    ]);
  });

  /** The credential connection activation made for the demo account: where its browsers' calls arrive. */
  async function demoConnectionId(): Promise<string> {
    const events = await fx.server.deps.eventStore.readStream(accountStreamName(DEMO_ACCOUNT_ID));
    const created = events.find((event) => event.type === 'CredentialConnectionCreated');
    return (created!.data as { credentialConnectionId: string }).credentialConnectionId;
  }
  const outbound = (callSid: string, from: string, connectionId: string) =>
    form({ CallSid: callSid, From: from, To: '(312) 555-0177', CallStatus: 'ringing', ConnectionId: connectionId });

  it('identifies the calling agent from the SIP URI or bare SIP username of their credential', async () => {
    const connectionId = await demoConnectionId();
    for (const from of [`sip:${fx.anaSipUsername}@sip.telnyx.com`, fx.anaSipUsername]) {
      const callSid = newCallSid();
      const response = await post('/webhooks/telnyx/outbound', outbound(callSid, from, connectionId));
      const parsed = parseTexml(response.body);
      expect(parsed.ok && parsed.document.verbs[0]).toMatchObject({
        verb: 'Dial',
        callerId: ANA_NUMBER,
        targets: [{ noun: 'Number', number: '+13125550177' }],
      });
      const [routed] = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
      expect(routed!.data).toMatchObject({ agentId: users.ana.userId, direction: 'outbound', route: 'number' });
    }
  });

  it('refuses a caller it cannot identify: an unknown credential, a bare number, another connection', async () => {
    const connectionId = await demoConnectionId();
    for (const [from, connection] of [
      ['sip:nobody@sip.telnyx.com', connectionId],
      // A number is what a browser can claim; only the credential it logged in with identifies it.
      [ANA_NUMBER, connectionId],
      [`sip:${fx.anaSipUsername}@sip.telnyx.com`, 'another-connection'],
    ] as const) {
      const callSid = newCallSid();
      const response = await post('/webhooks/telnyx/outbound', outbound(callSid, from, connection));
      const parsed = parseTexml(response.body);
      expect(parsed.ok && parsed.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Hangup']);
      const [refused] = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
      expect(refused!.data).toMatchObject({ reason: 'unknown_agent' });
    }
  });
});

describe('idempotent callbacks', () => {
  it('appends a redelivered status once and ignores a status older than the one known', async () => {
    const callSid = newCallSid();
    const status = (callStatus: string, sequence: string) =>
      form({
        CallSid: callSid,
        CallStatus: callStatus,
        SequenceNumber: sequence,
        Timestamp: new Date().toISOString(),
        From: '+1',
        To: '+2',
      });
    const responses = [
      await post('/webhooks/telnyx/status', status('in-progress', '3')),
      await post('/webhooks/telnyx/status', status('in-progress', '3')),
      await post('/webhooks/telnyx/status', status('completed', '4')),
      await post('/webhooks/telnyx/status', status('ringing', '2')),
      await post('/webhooks/telnyx/status', status('completed', '4')),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const events = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
    expect(events.map((event) => (event.data as { status: string }).status)).toEqual(['in-progress', 'completed']);
  });

  it('appends concurrent deliveries of one recording callback once', async () => {
    const callSid = newCallSid();
    const body = form({
      CallSid: callSid,
      RecordingSid: `rec-${callSid}`,
      RecordingUrl: 'http://127.0.0.1:9/gone.wav',
      RecordingStatus: 'completed',
      RecordingSource: 'DialVerb',
    });
    const responses = await Promise.all([1, 2, 3, 4].map(() => post('/webhooks/telnyx/recordings', body)));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    const events = await fx.server.deps.eventStore.readStream(callStreamName(callSid));
    expect(events.filter((event) => event.type === 'RecordingCompleted')).toHaveLength(1);
  });
});
