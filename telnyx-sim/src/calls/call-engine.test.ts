/* eslint-disable max-lines -- the TeXML call engine verb by verb, each case on the same signed-callback harness */
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWavHeader } from '../recordings/wav';
import { WebhookSigner } from '../signing/webhook-signer';
import { SimState } from '../state/sim-state';
import type { CallEngine } from './call-engine';
import type { SimCallView } from './sim-call';
import type { TelnyxErrorBody } from './telnyx-errors';
import type { DialLeg, DialOffer, SipEndpointRegistry } from './dial-legs';
import { callEnginePlugin } from './plugin';
import { startCustomerServer, type CustomerServer } from './testing/customer-server';

const require = createRequire(import.meta.url);
const { TelnyxWebhook } = require('telnyx/lib/webhooks') as {
  TelnyxWebhook: new (key: string) => { verify(payload: string, headers: Record<string, string>): Promise<void> };
};

const OUR_NUMBER = '+15550001000';
const CALLER = '+15557770000';
const AGENT_CELL = '+15558889999';
const ACCOUNT = 'acc-11111111';

let sim: FastifyInstance;
let simUrl: string;
let engine: CallEngine;
let state: SimState;
let signer: WebhookSigner;
let customer: CustomerServer;

beforeEach(async () => {
  state = new SimState();
  signer = WebhookSigner.generate();
  sim = Fastify();
  await sim.register(callEnginePlugin, { state, signer, publicUrl: () => simUrl });
  await sim.listen({ port: 0, host: '127.0.0.1' });
  const address = sim.server.address();
  simUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  engine = sim.callEngine;
  customer = await startCustomerServer(signer.publicKeyBase64);

  await put('/sim/settings', { timeScale: 0.01, callbackRetryBaseMs: 100 });
  state.put(ACCOUNT, 'texml_application', {
    id: 'texml-app-1',
    friendly_name: 'Agency line',
    voice_url: `${customer.url}/voice`,
    voice_method: 'post',
    status_callback: `${customer.url}/status`,
    status_callback_method: 'post',
  });
  state.put(ACCOUNT, 'phone_number', { id: 'pn-1', phone_number: OUR_NUMBER, connection_id: 'texml-app-1' });
  state.put(ACCOUNT, 'credential_connection', {
    id: 'cred-conn-1',
    connection_name: 'agents',
    webhook_event_url: `${customer.url}/outbound`,
    sip_uri_calling_preference: 'internal',
  });
  state.put(ACCOUNT, 'telephony_credential', {
    id: 'tc-1',
    sip_username: 'gencredAgent7',
    connection_id: 'cred-conn-1',
  });
});

afterEach(async () => {
  await sim.close();
  await customer.close();
});

type ApiBody = TelnyxErrorBody & { call_sid?: string; hung_up?: boolean };

async function put(path: string, body: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(simUrl + path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

async function post(path: string, body?: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(simUrl + path, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

async function callIn(body: Record<string, unknown> = {}): Promise<string> {
  const { status, body: created } = await post('/sim/calls/inbound', { from: CALLER, to: OUR_NUMBER, ...body });
  expect(status).toBe(201);
  return created.call_sid ?? '';
}

/** The call's timeline from the control API, once the call is over and its callbacks are delivered. */
async function finished(callSid: string): Promise<SimCallView> {
  await engine.waitForCall(callSid);
  const response = await fetch(`${simUrl}/sim/calls/${callSid}`);
  return (await response.json()) as SimCallView;
}

function statusCallbacks() {
  return customer.at('/status').map((r) => r.params);
}

const texml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

describe('inbound call with a recorded Dial', () => {
  it('fetches signed TeXML, bridges the callee, records both channels and reports every step', async () => {
    customer.on(
      '/voice',
      texml(
        `<Dial record="record-from-answer-dual" recordingStatusCallback="/recordings" callerId="${OUR_NUMBER}"><Number>${AGENT_CELL}</Number></Dial>`,
      ),
    );
    expect(
      (await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'answer', answerAfterMs: 300, hangupAfterMs: 4000 }))
        .status,
    ).toBe(200);

    const callSid = await callIn();
    expect(callSid).toMatch(/^v3:[A-Za-z0-9_-]+$/);
    const call = await finished(callSid);

    // The TeXML request: form-encoded POST with Telnyx's parameters, signed with the account key.
    const [voice] = customer.at('/voice');
    expect(voice?.method).toBe('POST');
    expect(voice?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(voice?.params).toEqual({
      AccountSid: ACCOUNT,
      CallSid: callSid,
      CallSidLegacy: callSid,
      From: CALLER,
      To: OUR_NUMBER,
      ConnectionId: 'texml-app-1',
      ApiVersion: '2010-04-01',
      CallStatus: 'ringing',
    });
    expect(voice?.signatureValid).toBe(true);
    await expect(
      new TelnyxWebhook(signer.publicKeyBase64).verify(voice!.rawBody, voice!.headers),
    ).resolves.toBeUndefined();

    // Status callbacks: in order, numbered, signed; the last one carries the outcome.
    const statuses = statusCallbacks();
    expect(statuses.map((p) => [p['CallStatus'], p['SequenceNumber']])).toEqual([
      ['initiated', '0'],
      ['ringing', '1'],
      ['in-progress', '2'],
      ['completed', '3'],
    ]);
    expect(customer.at('/status').every((r) => r.signatureValid)).toBe(true);
    const final = statuses[3]!;
    expect(final).toMatchObject({
      AccountSid: ACCOUNT,
      CallSid: callSid,
      CallSidLegacy: callSid,
      CallbackSource: 'call-progress-events',
      ConnectionId: 'texml-app-1',
      From: CALLER,
      To: OUR_NUMBER,
      CallDuration: '4',
      DialCallStatus: 'completed',
      HangupCause: 'normal_clearing',
      RecordingDuration: '4',
    });
    expect(final['DialCallSid']).toMatch(/^v3:/);
    expect(final['DialCallSid']).not.toBe(callSid);
    expect(Date.parse(final['Timestamp']!)).toBeGreaterThan(Date.parse(final['CallInitiatedAt']!));

    // The recording callback, and a real two-channel WAV as long as the bridged call.
    const [recordingCallback] = customer.at('/recordings');
    expect(recordingCallback?.signatureValid).toBe(true);
    expect(recordingCallback?.params).toMatchObject({
      AccountSid: ACCOUNT,
      CallSid: callSid,
      ConnectionId: 'texml-app-1',
      RecordingChannels: '2',
      RecordingDuration: '4',
      RecordingSource: 'DialVerb',
      RecordingStatus: 'completed',
      RecordingUrl: final['RecordingUrl'],
    });
    const audio = await fetch(recordingCallback!.params['RecordingUrl']!);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const header = readWavHeader(Buffer.from(await audio.arrayBuffer()));
    expect(header).toMatchObject({ channels: 2, sampleRate: 8000, bitsPerSample: 16 });
    expect(header.durationMs).toBeCloseTo(4000, 0);

    // The timeline tells the story.
    expect(call.status).toBe('completed');
    expect(call.settled).toBe(true);
    const types = (call.timeline as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['texml_fetch', 'verb', 'dial', 'recording', 'callback']));
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'texml_fetch', purpose: 'voice_url', response_status: 200 }),
    );
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'callback', kind: 'status', response_status: 200, attempt: 1 }),
    );
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'dial', outcome: 'completed', ended_by: 'callee', bridged_ms: 4000 }),
    );
  });

  it('records from ringing on one channel when asked', async () => {
    customer.on(
      '/voice',
      texml(`<Dial record="record-from-ringing" recordingStatusCallback="/recordings">${AGENT_CELL}</Dial>`),
    );
    await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'answer', answerAfterMs: 1500, hangupAfterMs: 2000 });
    await finished(await callIn());
    const [recording] = customer.at('/recordings');
    expect(recording?.params).toMatchObject({ RecordingChannels: '1', RecordingDuration: '4' });
    const header = readWavHeader(Buffer.from(await (await fetch(recording!.params['RecordingUrl']!)).arrayBuffer()));
    expect(header.channels).toBe(1);
    expect(header.durationMs).toBeCloseTo(3500, 0);
  });
});

describe('Dial outcomes and continuation', () => {
  it('busy callee: the action URL gets DialCallStatus and its TeXML takes a voicemail', async () => {
    await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'busy' });
    customer.on(
      '/voice',
      texml(`<Dial action="/dial-done" timeout="20"><Number>${AGENT_CELL}</Number></Dial><Say>never reached</Say>`),
    );
    customer.on(
      '/dial-done',
      texml(
        `<Say>Please leave a message after the beep</Say><Record maxLength="30" action="/voicemail-done" recordingStatusCallback="/recordings"/>`,
      ),
    );
    customer.on('/voicemail-done', texml('<Hangup/>'));

    const callSid = await callIn({ voicemailMs: 2500 });
    const call = await finished(callSid);

    const [action] = customer.at('/dial-done');
    expect(action?.signatureValid).toBe(true);
    expect(action?.params).toMatchObject({
      CallSid: callSid,
      DialCallStatus: 'busy',
      DialCallDuration: '0',
      CallStatus: 'in-progress',
    });
    expect(action?.params['DialCallSid']).toMatch(/^v3:/);

    const [recording] = customer.at('/recordings');
    expect(recording?.params).toMatchObject({
      RecordingSource: 'RecordVerb',
      RecordingChannels: '1',
      RecordingDuration: '3',
    });
    const header = readWavHeader(Buffer.from(await (await fetch(recording!.params['RecordingUrl']!)).arrayBuffer()));
    expect(header.durationMs).toBeCloseTo(2500, 0);

    const [voicemailDone] = customer.at('/voicemail-done');
    expect(voicemailDone?.params).toMatchObject({
      RecordingSid: recording?.params['RecordingSid'],
      RecordingDuration: '3',
    });

    expect(call.timeline.some((e) => e['text'] === 'never reached')).toBe(false);
    const final = statusCallbacks().at(-1);
    expect(final).toMatchObject({
      CallStatus: 'completed',
      DialCallStatus: 'busy',
      RecordingUrl: recording?.params['RecordingUrl'],
    });
  });

  it('unanswered callee: no-answer after the Dial timeout, then the next verb runs', async () => {
    await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'no-answer' });
    customer.on(
      '/voice',
      texml(`<Dial timeout="5"><Number>${AGENT_CELL}</Number></Dial><Say>Sorry, nobody is available</Say>`),
    );
    const call = await finished(await callIn());
    const dial = call.timeline.find((e) => e.type === 'dial');
    expect(dial).toMatchObject({ outcome: 'no-answer', reason: 'timeout', sim_ms: 5000 });
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'verb', verb: 'Say', text: 'Sorry, nobody is available' }),
    );
    expect(statusCallbacks().at(-1)).toMatchObject({
      CallStatus: 'completed',
      DialCallStatus: 'no-answer',
      DialCallDuration: '0',
    });
  });

  it('a time limit cuts the bridged call', async () => {
    await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'answer', answerAfterMs: 0, hangupAfterMs: null });
    customer.on('/voice', texml(`<Dial timeLimit="10" action="/dial-done"><Number>${AGENT_CELL}</Number></Dial>`));
    customer.on('/dial-done', texml('<Hangup/>'));
    await finished(await callIn());
    expect(customer.at('/dial-done')[0]?.params).toMatchObject({ DialCallStatus: 'completed', DialCallDuration: '10' });
  });
});

describe('Reject, Redirect and bad TeXML', () => {
  it('Reject never answers: the call ends busy or no-answer depending on the reason', async () => {
    customer.on('/voice', texml('<Reject reason="busy"/>'));
    const busy = await finished(await callIn());
    expect(busy.status).toBe('busy');
    expect(statusCallbacks().map((p) => p['CallStatus'])).toEqual(['initiated', 'ringing', 'busy']);
    expect(statusCallbacks().at(-1)).toMatchObject({ HangupCause: 'user_busy', CallDuration: '0' });

    customer.on('/voice', texml('<Reject/>'));
    expect((await finished(await callIn())).status).toBe('no-answer');
  });

  it('Redirect fetches the next document with the requested method, signed', async () => {
    customer.on(
      '/voice',
      texml('<Say>One moment</Say><Redirect method="GET">/next?step=2</Redirect><Say>skipped</Say>'),
    );
    customer.on('/next', texml('<Pause length="2"/><Hangup/>'));
    const callSid = await callIn();
    const call = await finished(callSid);
    const [next] = customer.at('/next');
    expect(next?.method).toBe('GET');
    expect(next?.params).toMatchObject({
      step: '2',
      CallSid: callSid,
      CallStatus: 'in-progress',
      ApiVersion: '2010-04-01',
    });
    expect(next?.signatureValid).toBe(true);
    expect(call.status).toBe('completed');
    expect(call.timeline.filter((e) => e.type === 'verb').map((e) => e['verb'])).toEqual([
      'Say',
      'Redirect',
      'Pause',
      'Hangup',
    ]);
  });

  it.each([
    ['a Client noun', texml('<Dial><Client>agent</Client></Dial>'), 200, /<Client> is not supported/],
    ['not XML', 'hello there', 200, /Not well-formed XML/],
    ['an unknown verb', texml('<Conference>room</Conference>'), 200, /<Conference> is not a supported TeXML verb/],
    ['an HTTP 500', '', 500, /failed: HTTP 500/],
  ])('%s fails the call with an application error', async (_label, body, status, message) => {
    customer.on('/voice', () => ({ status, body }));
    const call = await finished(await callIn());
    expect(call.status).toBe('failed');
    expect(call.error).toMatch(message);
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'application_error', message: expect.stringMatching(message) }),
    );
    expect(statusCallbacks().at(-1)).toMatchObject({
      CallStatus: 'failed',
      ErrorMessage: expect.stringMatching(message),
    });
  });
});

describe('control API', () => {
  it('answers 404 for a number nobody owns and 422 for a malformed request', async () => {
    const unknown = await post('/sim/calls/inbound', { from: CALLER, to: '+15559990000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({
      code: '10005',
      title: 'Resource not found',
      source: { pointer: '/to' },
    });
    expect(customer.received).toHaveLength(0);

    state.put(ACCOUNT, 'phone_number', { id: 'pn-2', phone_number: '+15550002000', connection_id: null });
    expect((await post('/sim/calls/inbound', { from: CALLER, to: '+15550002000' })).status).toBe(404);

    const malformed = await post('/sim/calls/inbound', { from: CALLER });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0]?.detail).toMatch(/to/);
    expect((await put('/sim/settings', { timeScale: -1 })).status).toBe(422);
    expect((await put('/sim/settings', { timescale: 1 })).body.errors[0]?.source?.pointer).toBe('/timescale');
    expect((await put(`/sim/callees/${AGENT_CELL}`, { behaviour: 'maybe' })).status).toBe(422);
    expect((await fetch(`${simUrl}/sim/calls/v3:nope`)).status).toBe(404);
  });

  it('lists calls', async () => {
    customer.on('/voice', texml('<Hangup/>'));
    const callSid = await callIn();
    await engine.waitForCall(callSid);
    const list = (await (await fetch(`${simUrl}/sim/calls`)).json()) as { data: SimCallView[] };
    expect(list.data.map((c) => c.call_sid)).toEqual([callSid]);
  });

  it('a recording URL stops working once its time after the call is up', async () => {
    await put('/sim/settings', { recordingUrlTtlMs: 0 });
    customer.on(
      '/voice',
      texml(`<Dial record="record-from-answer" recordingStatusCallback="/recordings">${AGENT_CELL}</Dial>`),
    );
    await finished(await callIn());
    const expired = await fetch(customer.at('/recordings')[0]!.params['RecordingUrl']!);
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as TelnyxErrorBody).errors[0]).toMatchObject({
      code: '10005',
      detail: 'The recording URL has expired',
    });
  });
});

describe('callback delivery', () => {
  it('retries a callback the customer answered with anything but 200 (a 500, even a 204)', async () => {
    customer.on('/voice', texml('<Hangup/>'));
    customer.on('/status', (_request, nth) =>
      nth === 1 ? { status: 500, body: 'oops' } : nth === 2 ? { status: 204 } : { status: 200 },
    );
    const call = await finished(await callIn());
    expect(statusCallbacks().map((p) => p['SequenceNumber'])).toEqual(['0', '0', '0', '1', '2', '3']);
    const attempts = call.timeline.filter((e) => e.type === 'callback');
    expect(attempts[0]).toMatchObject({ attempt: 1, response_status: 500, final: false, delivered: false });
    expect(attempts[1]).toMatchObject({ attempt: 2, response_status: 204, final: false, delivered: false });
    expect(attempts[2]).toMatchObject({ attempt: 3, response_status: 200, final: true, delivered: true });
  });

  it('gives up after the configured attempts when the customer is unreachable', async () => {
    await put('/sim/settings', { callbackMaxAttempts: 2 });
    state.put(ACCOUNT, 'texml_application', {
      id: 'texml-app-1',
      voice_url: `${customer.url}/voice`,
      status_callback: 'http://127.0.0.1:9/unreachable',
    });
    customer.on('/voice', texml('<Hangup/>'));
    const call = await finished(await callIn());
    const attempts = call.timeline.filter((e) => e.type === 'callback');
    expect(attempts).toHaveLength(4 * 2);
    expect(attempts.every((a) => typeof a['error'] === 'string')).toBe(true);
    // Each of the four callbacks ends as a failed delivery.
    expect(attempts.filter((a) => a['final'] === true && a['delivered'] === false)).toHaveLength(4);
  });

  it('chaos mode delivers every callback twice and out of order', async () => {
    await put('/sim/settings', { callbackChaos: { duplicate: true, shuffle: true } });
    customer.on(
      '/voice',
      texml(`<Dial record="record-from-answer" recordingStatusCallback="/recordings">${AGENT_CELL}</Dial>`),
    );
    const call = await finished(await callIn());
    const sequence = statusCallbacks().map((p) => Number(p['SequenceNumber']));
    expect([...sequence].sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    const arrivalOrder = customer.received
      .filter((r) => r.path !== '/voice')
      .map((r) => `${r.path}:${r.params['SequenceNumber'] ?? ''}`);
    expect(arrivalOrder).not.toEqual([
      '/status:0',
      '/status:0',
      '/status:1',
      '/status:1',
      '/status:2',
      '/status:2',
      '/recordings:',
      '/recordings:',
      '/status:3',
      '/status:3',
    ]);
    expect(customer.at('/recordings')).toHaveLength(2);
    expect(call.timeline.filter((e) => e.type === 'callback' && e['duplicate'])).toHaveLength(5);
  });
});

describe('WebRTC users', () => {
  it('an outbound call from a credential fetches TeXML from the connection webhook and dials out', async () => {
    customer.on(
      '/outbound',
      texml(`<Dial callerId="${OUR_NUMBER}" action="/outbound-done"><Number>${AGENT_CELL}</Number></Dial>`),
    );
    customer.on('/outbound-done', texml('<Hangup/>'));
    const { callSid } = engine.placeOutboundFromCredential({ sipUsername: 'gencredAgent7', to: AGENT_CELL });
    const call = await engine.waitForCall(callSid);
    const [request] = customer.at('/outbound');
    expect(request?.signatureValid).toBe(true);
    expect(request?.params).toMatchObject({
      AccountSid: ACCOUNT,
      CallSid: callSid,
      From: 'sip:gencredAgent7@sip.telnyx.com',
      To: AGENT_CELL,
      ConnectionId: 'cred-conn-1',
      ApiVersion: '2010-04-01',
    });
    expect(call.direction).toBe('outbound');
    expect(call.timeline).toContainEqual(
      expect.objectContaining({ type: 'verb', verb: 'Dial', caller_id: OUR_NUMBER }),
    );
    expect(customer.at('/outbound-done')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      DialCallDuration: '1',
    });
    expect(() => engine.placeOutboundFromCredential({ sipUsername: 'nobody', to: AGENT_CELL })).toThrow(
      /sip_username nobody/,
    );
  });

  it('<Sip> to a user who is not registered is played by the scripted callee for that URI', async () => {
    expect((await put('/sim/callees/sip:offline@sip.telnyx.com', { behaviour: 'busy' })).status).toBe(200);
    customer.on('/voice', texml('<Dial action="/dial-done"><Sip>sip:Offline@sip.telnyx.com</Sip></Dial>'));
    customer.on('/dial-done', texml('<Hangup/>'));
    await finished(await callIn());
    expect(customer.at('/dial-done')[0]?.params).toMatchObject({ DialCallStatus: 'busy' });
  });

  it('<Sip> rings a registered endpoint, and a caller hang-up ends the bridged call', async () => {
    const offers: DialOffer[] = [];
    const endedWith: string[] = [];
    let answered!: () => void;
    const answeredNow = new Promise<void>((resolve) => (answered = resolve));
    const registry: SipEndpointRegistry = {
      lookup: (username) =>
        username === 'gencredAgent7'
          ? {
              ring(offer): DialLeg {
                offers.push(offer);
                answered();
                return {
                  outcome: Promise.resolve('answered'),
                  farEndHangup: new Promise(() => {}),
                  end: (cause) => endedWith.push(cause),
                };
              },
            }
          : undefined,
    };
    engine.sipEndpoints = registry;
    customer.on('/voice', texml('<Dial action="/dial-done"><Sip>sip:gencredAgent7@sip.telnyx.com</Sip></Dial>'));
    customer.on('/dial-done', texml('<Say>not played: the caller is gone</Say>'));

    const callSid = await callIn();
    await answeredNow;
    expect((await post(`/sim/calls/${callSid}/hangup`)).body).toEqual({ call_sid: callSid, hung_up: true });
    const call = await finished(callSid);

    expect(offers).toEqual([
      expect.objectContaining({ callSid, from: CALLER, to: 'sip:gencredAgent7@sip.telnyx.com' }),
    ]);
    expect(endedWith).toEqual(['normal_clearing']);
    expect(customer.at('/dial-done')[0]?.params).toMatchObject({
      DialCallStatus: 'completed',
      CallStatus: 'completed',
    });
    expect(call.status).toBe('completed');
    expect(call.timeline).toContainEqual(expect.objectContaining({ type: 'hangup', by: 'caller' }));
    expect(call.timeline.some((e) => e['text'] === 'not played: the caller is gone')).toBe(false);
  });
});
