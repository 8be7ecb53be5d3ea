/* eslint-disable max-lines -- the gateway JSON-RPC protocol end to end (login, calls both ways with real WebRTC audio), all on one WebRTC world and its shared helpers */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issueTelephonyToken } from '../rest/telephony-tokens';
import { FarEndPeer, type FarEndMediaStats } from './far-end-peer';
import { RpcTestClient } from './testing/rpc-client';
import { startWebRtcWorld, type WebRtcWorld } from './testing/webrtc-world';
import { until } from '../testing/until';

/**
 * The gateway's JSON-RPC exactly as `@telnyx/webrtc` speaks it, from a plain WebSocket client whose
 * "browser" media is a second real WebRTC peer: login, calls both ways with audio, hold, DTMF, bye.
 */

const AGENT_CELL = '+13125550199';

let world: WebRtcWorld;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  world = await startWebRtcWorld();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await world.control('DELETE', `/sim/callees/${AGENT_CELL}`);
});

afterAll(async () => {
  await world?.close();
});

async function connect(): Promise<RpcTestClient> {
  const client = await RpcTestClient.connect(world.gatewayUrl);
  cleanups.push(() => client.close());
  return client;
}

async function loggedIn(): Promise<{ client: RpcTestClient; sessid: string }> {
  const client = await connect();
  const reply = await client.request('login', {
    login_token: await world.issueToken(),
    userVariables: {},
    loginParams: {},
  });
  expect(reply.error).toBeUndefined();
  await client.nextPush('telnyx_rtc.gatewayState', (p) => p['state'] === 'REGED');
  return { client, sessid: reply.result!['sessid'] as string };
}

async function browserPeer(make: () => Promise<{ peer: FarEndPeer; sdp: string }>) {
  const made = await make();
  cleanups.push(() => made.peer.close());
  return made;
}

/** Waits until audio has flowed both ways (more than `packets` each way). */
function audioBothWays(peer: FarEndPeer, packets = 10): Promise<FarEndMediaStats> {
  return until(() => {
    const stats = peer.stats();
    return stats.packets_received > packets && stats.packets_sent > packets ? stats : undefined;
  }, 'audio both ways');
}

/** True when no audio arrives for a while (the far end is on hold). */
async function goesQuiet(peer: FarEndPeer): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 150)); // packets already in flight
  const before = peer.stats().packets_received;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return peer.stats().packets_received === before;
}

async function callView(callSid: string) {
  const view = await world.control('GET', `/sim/calls/${encodeURIComponent(callSid)}`);
  return view.body as { status: string; timeline: Record<string, unknown>[]; hangup_cause: string | null };
}

function dialogOf(callID: string, extra: Record<string, unknown> = {}) {
  return { dialogParams: { callID, ...extra } };
}

describe('login', () => {
  it('logs in with a token the REST API issued and is told the gateway registered it', async () => {
    const client = await connect();
    const reply = await client.request('login', {
      login_token: await world.issueToken(),
      userVariables: {},
      loginParams: {},
    });
    expect(reply.result).toMatchObject({ message: 'logged in', sessid: expect.any(String) });
    const reged = await client.nextPush('telnyx_rtc.gatewayState');
    expect(reged.params['state']).toBe('REGED');
    expect((await client.request('telnyx_rtc.gatewayState', {})).result).toEqual({ params: { state: 'REGED' } });
    expect((await client.request('telnyx_rtc.ping', {})).error).toBeUndefined();
  });

  it('refuses forged, expired and unknown-credential tokens, and calls before login', async () => {
    const client = await connect();
    const token = await world.issueToken();
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const expired = await issueTelephonyToken(world.credentialId, Math.floor(Date.now() / 1000) - 30 * 24 * 3600);
    const unknown = await issueTelephonyToken('00000000-0000-4000-8000-000000000000');
    for (const login_token of [forged, expired, unknown, 'not-a-jwt']) {
      const reply = await client.request('login', { login_token });
      expect(reply.result).toBeUndefined();
      expect(reply.error?.message).toMatch(/Login Incorrect/);
    }
    expect((await client.request('login', { login: 'someone', passwd: 'secret' })).error?.message).toMatch(
      /login_token/,
    );
    expect((await client.request('telnyx_rtc.gatewayState', {})).result).toEqual({ params: { state: 'NOREG' } });
    const invite = await client.request('telnyx_rtc.invite', {
      sdp: 'v=0',
      ...dialogOf('c-1', { destination_number: AGENT_CELL }),
    });
    expect(invite.error?.message).toMatch(/Authentication Required/);
    expect(client.pushed.filter((p) => p.method === 'telnyx_rtc.gatewayState')).toHaveLength(0);
  });
});

describe('a call the browser places', () => {
  it('is answered when the dialled number answers, carries audio both ways, holds, sends DTMF and hangs up', async () => {
    world.customer.on('/outbound', `<Response><Dial><Number>${AGENT_CELL}</Number></Dial></Response>`);
    await world.control('PUT', `/sim/callees/${AGENT_CELL}`, {
      behaviour: 'answer',
      answerAfterMs: 150,
      hangupAfterMs: null,
    });
    const { client, sessid } = await loggedIn();
    const browser = await browserPeer(FarEndPeer.offering);

    const created = await client.request('telnyx_rtc.invite', {
      sessid,
      sdp: browser.sdp,
      ...dialogOf('out-1', {
        destination_number: AGENT_CELL,
        caller_id_number: '+13055550100',
        caller_id_name: 'Ana Agent',
      }),
    });
    expect(created.result).toMatchObject({ message: 'CALL CREATED', callID: 'out-1' });

    const webhook = await until(() => world.customer.at('/outbound')[0], 'outbound TeXML request');
    expect(webhook.signatureValid).toBe(true);
    // The credential the browser logged in with places the call, whatever number the browser asked to show.
    expect(webhook.params).toMatchObject({
      From: `sip:${world.sipUsername}@sip.telnyx.com`,
      To: AGENT_CELL,
      CallerId: 'Ana Agent',
    });
    expect(Object.values(webhook.params)).not.toContain('+13055550100');
    const callSid = webhook.params['CallSid']!;

    const answer = await client.nextPush('telnyx_rtc.answer', (p) => p['callID'] === 'out-1');
    expect(answer.params['sdp']).toMatch(/a=sendrecv/);
    expect(client.pushed.find((p) => p.method === 'telnyx_rtc.media')?.params['sdp']).toBe(answer.params['sdp']);
    await browser.peer.accept(answer.params['sdp'] as string);
    const flowing = await audioBothWays(browser.peer);
    expect(flowing.received_rms).toBeGreaterThan(0.1); // the far end's tone

    const held = await client.request('telnyx_rtc.modify', { sessid, action: 'hold', ...dialogOf('out-1') });
    expect(held.result).toMatchObject({ holdState: 'held' });
    expect(await goesQuiet(browser.peer)).toBe(true);
    const resumed = await client.request('telnyx_rtc.modify', { sessid, action: 'toggleHold', ...dialogOf('out-1') });
    expect(resumed.result).toMatchObject({ holdState: 'active' });
    const afterHold = browser.peer.stats().packets_received;
    await until(() => (browser.peer.stats().packets_received > afterHold + 5 ? true : undefined), 'audio after unhold');

    expect(
      (await client.request('telnyx_rtc.info', { sessid, dtmf: '1#', ...dialogOf('out-1') })).error,
    ).toBeUndefined();
    expect(
      (await client.request('telnyx_rtc.modify', { sessid, action: 'updateMedia', ...dialogOf('out-1') })).error
        ?.message,
    ).toMatch(/not supported/);

    const bye = await client.request('telnyx_rtc.bye', {
      sessid,
      cause: 'NORMAL_CLEARING',
      causeCode: 16,
      ...dialogOf('out-1'),
    });
    expect(bye.error).toBeUndefined();
    const ended = await until(async () => {
      const view = await callView(callSid);
      return view.status === 'completed' && view.timeline.some((e) => e['type'] === 'media') ? view : undefined;
    }, 'call completed');
    expect(ended.timeline).toContainEqual(expect.objectContaining({ type: 'dtmf', digits: '1#', call_id: 'out-1' }));
    expect(ended.timeline.filter((e) => e['type'] === 'hold').map((e) => e['state'])).toEqual(['held', 'active']);
    const media = ended.timeline.find((e) => e['type'] === 'media')!;
    expect(media).toMatchObject({ ended_by: 'browser' });
    expect(media['packets_received']).toBeGreaterThan(10);
    expect(media['received_rms']).toBeGreaterThan(0.1); // the browser's tone reached the far end
    expect(ended.timeline).toContainEqual(expect.objectContaining({ type: 'hangup', by: 'caller' }));
    expect(client.pushed.some((p) => p.method === 'telnyx_rtc.bye')).toBe(false);
  });

  it('is hung up with a bye when the dialled number hangs up', async () => {
    world.customer.on('/outbound', `<Response><Dial><Number>${AGENT_CELL}</Number></Dial></Response>`);
    await world.control('PUT', `/sim/callees/${AGENT_CELL}`, {
      behaviour: 'answer',
      answerAfterMs: 50,
      hangupAfterMs: 400,
    });
    const { client, sessid } = await loggedIn();
    const browser = await browserPeer(FarEndPeer.offering);
    await client.request('telnyx_rtc.invite', {
      sessid,
      sdp: browser.sdp,
      ...dialogOf('out-2', { destination_number: AGENT_CELL }),
    });
    const answer = await client.nextPush('telnyx_rtc.answer');
    await browser.peer.accept(answer.params['sdp'] as string);
    const bye = await client.nextPush('telnyx_rtc.bye', (p) => p['callID'] === 'out-2');
    expect(bye.params).toMatchObject({ cause: 'NORMAL_CLEARING', causeCode: 16 });
    // The call is gone: hold and DTMF on it are refused clearly.
    expect(
      (await client.request('telnyx_rtc.modify', { sessid, action: 'hold', ...dialogOf('out-2') })).error?.message,
    ).toMatch(/does not exist/);
  });

  it('ends with USER_BUSY when the TeXML rejects it as busy, never answered', async () => {
    world.customer.on('/outbound', '<Response><Reject reason="busy"/></Response>');
    const { client, sessid } = await loggedIn();
    const browser = await browserPeer(FarEndPeer.offering);
    await client.request('telnyx_rtc.invite', {
      sessid,
      sdp: browser.sdp,
      ...dialogOf('out-3', { destination_number: AGENT_CELL }),
    });
    const bye = await client.nextPush('telnyx_rtc.bye', (p) => p['callID'] === 'out-3');
    expect(bye.params).toMatchObject({ cause: 'USER_BUSY', causeCode: 17 });
    expect(client.pushed.some((p) => p.method === 'telnyx_rtc.answer' || p.method === 'telnyx_rtc.media')).toBe(false);
  });

  it('refuses an invite without a destination', async () => {
    const { client, sessid } = await loggedIn();
    const reply = await client.request('telnyx_rtc.invite', { sessid, sdp: 'v=0', ...dialogOf('out-4') });
    expect(reply.error?.message).toMatch(/destination_number/);
  });
});

describe('a call that rings the browser', () => {
  function dialTheAgent(timeoutSec = 10) {
    world.customer.on(
      '/voice',
      `<Response><Dial timeout="${timeoutSec}"><Sip>sip:${world.sipUsername}@sip.telnyx.com</Sip></Dial></Response>`,
    );
  }

  async function placeInbound(): Promise<string> {
    const placed = await world.control('POST', '/sim/calls/inbound', { from: '+13055550123', to: world.ourNumber });
    expect(placed.status).toBe(201);
    return placed.body['call_sid'] as string;
  }

  it('is offered to the logged-in browser, answered with audio both ways, held, and hung up by the caller', async () => {
    dialTheAgent();
    const { client, sessid } = await loggedIn();
    const callSid = await placeInbound();

    const invite = await client.nextPush('telnyx_rtc.invite');
    expect(invite.params).toMatchObject({
      caller_id_number: '+13055550123',
      callee_id_number: `sip:${world.sipUsername}@sip.telnyx.com`,
    });
    const callID = invite.params['callID'] as string;
    const browser = await browserPeer(() => FarEndPeer.answering(invite.params['sdp'] as string));
    const answered = await client.request('telnyx_rtc.answer', { sessid, sdp: browser.sdp, ...dialogOf(callID) });
    expect(answered.error).toBeUndefined();
    const flowing = await audioBothWays(browser.peer);
    expect(flowing.received_rms).toBeGreaterThan(0.1);
    expect((await callView(callSid)).status).toBe('in-progress');

    expect(
      (await client.request('telnyx_rtc.modify', { sessid, action: 'hold', ...dialogOf(callID) })).result,
    ).toMatchObject({ holdState: 'held' });
    expect(await goesQuiet(browser.peer)).toBe(true);
    expect(
      (await client.request('telnyx_rtc.modify', { sessid, action: 'unhold', ...dialogOf(callID) })).result,
    ).toMatchObject({ holdState: 'active' });
    await client.request('telnyx_rtc.info', { sessid, dtmf: '5', ...dialogOf(callID) });

    expect((await world.control('POST', `/sim/calls/${encodeURIComponent(callSid)}/hangup`)).body).toMatchObject({
      hung_up: true,
    });
    const bye = await client.nextPush('telnyx_rtc.bye', (p) => p['callID'] === callID);
    expect(bye.params).toMatchObject({ cause: 'NORMAL_CLEARING', causeCode: 16 });
    const view = await until(async () => {
      const v = await callView(callSid);
      return v.timeline.some((e) => e['type'] === 'media') ? v : undefined;
    }, 'media stats on the timeline');
    expect(view.timeline).toContainEqual(expect.objectContaining({ type: 'dtmf', digits: '5' }));
    expect(view.timeline.find((e) => e['type'] === 'media')).toMatchObject({ ended_by: 'network', call_id: callID });
  });

  it('reports busy to the TeXML when the browser declines with USER_BUSY', async () => {
    dialTheAgent();
    const { client, sessid } = await loggedIn();
    const callSid = await placeInbound();
    const invite = await client.nextPush('telnyx_rtc.invite');
    await client.request('telnyx_rtc.bye', {
      sessid,
      cause: 'USER_BUSY',
      causeCode: 17,
      ...dialogOf(invite.params['callID'] as string),
    });
    const view = await until(async () => {
      const v = await callView(callSid);
      return v.timeline.some((e) => e['type'] === 'dial') ? v : undefined;
    }, 'dial outcome');
    expect(view.timeline.find((e) => e['type'] === 'dial')).toMatchObject({ outcome: 'busy' });
  });

  it('ends the bridged call when the browser hangs up', async () => {
    dialTheAgent();
    const { client, sessid } = await loggedIn();
    const callSid = await placeInbound();
    const invite = await client.nextPush('telnyx_rtc.invite');
    const callID = invite.params['callID'] as string;
    const browser = await browserPeer(() => FarEndPeer.answering(invite.params['sdp'] as string));
    await client.request('telnyx_rtc.answer', { sessid, sdp: browser.sdp, ...dialogOf(callID) });
    await audioBothWays(browser.peer, 3);
    await client.request('telnyx_rtc.bye', { sessid, cause: 'NORMAL_CLEARING', causeCode: 16, ...dialogOf(callID) });
    const view = await until(async () => {
      const v = await callView(callSid);
      return v.status === 'completed' ? v : undefined;
    }, 'call completed');
    expect(view.timeline.find((e) => e['type'] === 'dial')).toMatchObject({ outcome: 'completed', ended_by: 'callee' });
  });

  it('rings the latest login of the user, and the earlier one once the latest has gone', async () => {
    dialTheAgent(1);
    const first = await loggedIn();
    const second = await loggedIn();
    await placeInbound();
    await second.client.nextPush('telnyx_rtc.invite');
    expect(first.client.pushed.some((p) => p.method === 'telnyx_rtc.invite')).toBe(false);
    await second.client.close();
    await placeInbound();
    await first.client.nextPush('telnyx_rtc.invite');
  });

  it('is not offered to a browser that went offline', async () => {
    dialTheAgent(1);
    const { client } = await loggedIn();
    await client.close();
    const callSid = await placeInbound();
    const view = await until(async () => {
      const v = await callView(callSid);
      return v.timeline.some((e) => e['type'] === 'verb' && e['verb'] === 'Dial') ? v : undefined;
    }, 'dial started');
    // Nobody registered: the SIP URI is played by the default scripted callee instead of ringing a socket.
    expect(view.timeline.find((e) => e['type'] === 'verb' && e['verb'] === 'Dial')).toMatchObject({
      targets: [{ scripted: true }],
    });
  });
});
