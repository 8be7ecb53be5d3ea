/* eslint-disable max-lines -- one scenario per call flow (inbound, outbound, voicemail, recordings, history), all on one simulator and backend */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@curbe-voice/event-store';
import { parseTexml } from '@curbe-voice/telnyx-sim/texml/parse-texml';
import type { TexmlDocument } from '@curbe-voice/telnyx-sim/texml/texml-document';
import {
  ANA_NUMBER,
  createCallFixture,
  CUSTOMER,
  EVE_NAME,
  EVE_NUMBER,
  poll,
  UNASSIGNED_NUMBER,
  users,
  type CallFixture,
  type DemoUser,
  type SimCallView,
} from '../../support/call-fixture';
import { assertDocumentedTexml } from '../../support/texml-vocabulary';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';

let fx: CallFixture;
const sipOf = (username: string) => `sip:${username}@sip.telnyx.com`;

beforeAll(async () => {
  fx = await createCallFixture();
  // A hundred times faster than real time: a 30 s ring timeout takes 0.3 s.
  await fx.settings({ timeScale: 0.01 });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

/** Every TeXML document our webhooks returned during a call, as the simulator received it. */
function texmlAnswers(call: SimCallView): { purpose: string; body: string; document: TexmlDocument }[] {
  return call.timeline
    .filter((entry) => entry.type === 'texml_fetch')
    .map((entry) => {
      const body = String(entry['response_body']);
      const parsed = parseTexml(body);
      if (!parsed.ok)
        throw new Error(`invalid TeXML for ${String(entry['purpose'])}: ${parsed.error.message}\n${body}`);
      return { purpose: String(entry['purpose']), body, document: parsed.document };
    });
}

const types = (events: RecordedEvent[]) => events.map((event) => event.type);

async function api(user: DemoUser, url: string) {
  const cookie = await fx.signIn(user);
  return fx.server.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('inbound calls', () => {
  it('rings the agent’s web phone, records both channels, and files the answered call with its recording', async () => {
    await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'answer', answerAfterMs: 500, hangupAfterMs: 4000 });
    const callSid = await fx.placeInbound(CUSTOMER, ANA_NUMBER);
    const call = await fx.settled(callSid);

    const [inbound, ...rest] = texmlAnswers(call);
    expect(inbound!.purpose).toBe('voice_url');
    expect(inbound!.document.verbs).toEqual([
      expect.objectContaining({
        verb: 'Dial',
        targets: [{ noun: 'Sip', uri: sipOf(fx.anaSipUsername) }],
        record: 'record-from-answer-dual',
        timeoutSec: 30,
        action: `${fx.server.deps.config.publicUrl}/webhooks/telnyx/dial-result`,
        recordingStatusCallback: `${fx.server.deps.config.publicUrl}/webhooks/telnyx/recordings`,
      }),
    ]);
    expect(inbound!.body).not.toContain('<Client');
    expect(rest.map((answer) => answer.document.verbs.map((verb) => verb.verb))).toEqual([['Hangup']]);

    const row = await fx.historyRowWhen(callSid, (r) => r.recordingStored && r.endedAt !== null);
    expect(row).toMatchObject({
      accountId: DEMO_ACCOUNT_ID,
      agentId: users.ana.userId,
      direction: 'inbound',
      otherParty: CUSTOMER,
      ourNumber: ANA_NUMBER,
      outcome: 'answered',
      dialStatus: 'completed',
      talkSec: 4,
      recordingKind: 'conversation',
      recordingStored: true,
    });
    expect(row.startedAt! <= row.answeredAt!).toBe(true);
    expect(row.answeredAt! < row.endedAt!).toBe(true);

    const events = await fx.events(callSid);
    expect(types(events)).toEqual(
      expect.arrayContaining([
        'CallRouted',
        'CallStatusChanged',
        'DialCompleted',
        'RecordingCompleted',
        'RecordingStored',
      ]),
    );
    const routed = events.find((event) => event.type === 'CallRouted')!;
    expect(routed.data).toMatchObject({
      route: 'agent',
      agentId: users.ana.userId,
      dialTarget: sipOf(fx.anaSipUsername),
      ourNumber: ANA_NUMBER,
    });
    const stored = events.find((event) => event.type === 'RecordingStored')!.data as {
      sha256: string;
      sizeBytes: number;
    };

    const played = await api('ana', `/api/calls/${encodeURIComponent(callSid)}/recording`);
    expect(played.statusCode).toBe(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    expect(played.rawPayload.length).toBe(stored.sizeBytes);
    expect(createHash('sha256').update(played.rawPayload).digest('hex')).toBe(stored.sha256);

    expect((await api('audrey', `/api/calls/${encodeURIComponent(callSid)}/recording`)).statusCode).toBe(200);
    expect((await api('ben', `/api/calls/${encodeURIComponent(callSid)}/recording`)).statusCode).toBe(403);
    expect((await api('ben', `/api/calls/${encodeURIComponent(callSid)}`)).statusCode).toBe(403);
  });

  it('sends an unanswered call to the agent’s voicemail, which lands in the agent’s history', async () => {
    await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'no-answer' });
    const callSid = await fx.placeInbound('+17735550143', ANA_NUMBER);
    const call = await fx.settled(callSid);

    const answers = texmlAnswers(call);
    expect(answers.map((answer) => answer.purpose)).toEqual(['voice_url', 'dial_action', 'record_action']);
    const voicemail = answers[1]!.document.verbs;
    expect(voicemail.map((verb) => verb.verb)).toEqual(['Say', 'Record']);
    expect(voicemail[0]).toMatchObject({ text: expect.stringContaining('Ana Agent') });
    expect(voicemail[1]).toMatchObject({
      playBeep: true,
      maxLengthSec: 120,
      recordingStatusCallback: `${fx.server.deps.config.publicUrl}/webhooks/telnyx/recordings`,
    });

    const row = await fx.historyRowWhen(callSid, (r) => r.recordingStored && r.endedAt !== null);
    expect(row).toMatchObject({
      agentId: users.ana.userId,
      outcome: 'voicemail',
      dialStatus: 'no-answer',
      sentToVoicemail: true,
      recordingKind: 'voicemail',
      talkSec: null,
    });
    const dial = (await fx.events(callSid)).find((event) => event.type === 'DialCompleted')!;
    expect(dial.data).toMatchObject({ dialCallStatus: 'no-answer', sentToVoicemail: true });

    const anaHistory = (await api('ana', '/api/calls?outcome=voicemail')).json<{
      items: { callSid: string; recording: { url: string } }[];
    }>();
    expect(anaHistory.items.map((item) => item.callSid)).toContain(callSid);
    expect(
      (await api('ana', anaHistory.items.find((item) => item.callSid === callSid)!.recording.url)).statusCode,
    ).toBe(200);
  });

  it('takes a voicemail for a number no agent holds, shared with the whole account', async () => {
    const callSid = await fx.placeInbound('+17735550144', UNASSIGNED_NUMBER);
    const call = await fx.settled(callSid);

    const [first] = texmlAnswers(call);
    expect(first!.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Record']);
    expect(first!.document.verbs[0]).toMatchObject({ text: expect.stringContaining('Demo Insurance') });

    const row = await fx.historyRowWhen(callSid, (r) => r.recordingStored);
    expect(row).toMatchObject({
      agentId: null,
      accountId: DEMO_ACCOUNT_ID,
      route: 'voicemail',
      voicemailReason: 'unassigned_number',
      outcome: 'voicemail',
    });
    for (const user of ['ana', 'ben', 'audrey'] as const) {
      expect((await api(user, `/api/calls/${encodeURIComponent(callSid)}/recording`)).statusCode).toBe(200);
    }
  });

  it('sends calls for an agent without a SIP credential to voicemail, greeting with an escaped name', async () => {
    const callSid = await fx.placeInbound('+17735550145', EVE_NUMBER);
    const call = await fx.settled(callSid);

    const [first] = texmlAnswers(call);
    expect(first!.body).toContain('Eve &lt;Sales&gt; &amp; &quot;Co&quot;');
    expect(first!.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Record']);
    expect(first!.document.verbs[0]).toMatchObject({ text: expect.stringContaining(EVE_NAME) });
    const row = await fx.historyRowWhen(callSid, (r) => r.outcome === 'voicemail');
    expect(row).toMatchObject({ voicemailReason: 'agent_without_credential', route: 'voicemail' });
    expect(row.agentId).not.toBeNull();
  });
});

describe('outbound calls', () => {
  it('dials an allowed destination with the agent’s business number as caller id, recorded', async () => {
    const destination = '+16175550123';
    await fx.callee(destination, { behaviour: 'answer', answerAfterMs: 300, hangupAfterMs: 2000 });
    // The browser asks to show a colleague's number: the call still shows the agent's own.
    const callSid = await fx.placeOutbound(fx.anaSipUsername, destination, {
      caller_id_number: EVE_NUMBER,
      caller_id_name: 'Eve',
    });
    const call = await fx.settled(callSid);

    const [first, second] = texmlAnswers(call);
    expect(first!.purpose).toBe('outbound_webhook');
    expect(first!.document.verbs).toEqual([
      expect.objectContaining({
        verb: 'Dial',
        callerId: ANA_NUMBER,
        record: 'record-from-answer-dual',
        targets: [{ noun: 'Number', number: destination }],
        action: `${fx.server.deps.config.publicUrl}/webhooks/telnyx/dial-result`,
        recordingStatusCallback: `${fx.server.deps.config.publicUrl}/webhooks/telnyx/recordings`,
      }),
    ]);
    expect(second!.document.verbs.map((verb) => verb.verb)).toEqual(['Hangup']);

    const row = await fx.historyRowWhen(callSid, (r) => r.recordingStored);
    expect(row).toMatchObject({
      direction: 'outbound',
      agentId: users.ana.userId,
      ourNumber: ANA_NUMBER,
      otherParty: destination,
      outcome: 'answered',
      talkSec: 2,
      recordingKind: 'conversation',
    });
    const outbound = (await api('ana', '/api/calls?direction=outbound')).json<{ items: { callSid: string }[] }>();
    expect(outbound.items.map((item) => item.callSid)).toContain(callSid);
  });

  it('refuses a destination outside the account’s countries with a spoken reason and an event', async () => {
    const callSid = await fx.placeOutbound(fx.anaSipUsername, '+442079460958');
    const call = await fx.settled(callSid);

    const [first] = texmlAnswers(call);
    expect(first!.document.verbs.map((verb) => verb.verb)).toEqual(['Say', 'Hangup']);
    expect(first!.document.verbs[0]).toMatchObject({ text: expect.stringContaining('not allowed') });
    expect(call.timeline.some((entry) => entry.type === 'verb' && entry['verb'] === 'Dial')).toBe(false);

    const events = await fx.events(callSid);
    expect(types(events)).toEqual(['CallRefused']);
    expect(events[0]!.data).toMatchObject({
      reason: 'destination_not_allowed',
      country: 'GB',
      agentId: users.ana.userId,
      otherParty: '+442079460958',
    });
    await fx.caughtUp();
    expect(await fx.historyRow(callSid)).toMatchObject({
      outcome: 'rejected',
      refusalReason: 'destination_not_allowed',
      direction: 'outbound',
    });
  });

  it('refuses Canada by default and premium-rate numbers, saying why and keeping the reason in history', async () => {
    for (const [destination, reason, spoken] of [
      ['+14165550123', 'destination_not_allowed', 'not allowed'],
      ['+19005550123', 'premium_rate_destination', 'premium-rate'],
      ['+12129760123', 'premium_rate_destination', 'premium-rate'],
    ] as const) {
      const callSid = await fx.placeOutbound(fx.anaSipUsername, destination);
      const call = await fx.settled(callSid);
      const [first] = texmlAnswers(call);
      expect(first!.document.verbs[0]).toMatchObject({ verb: 'Say', text: expect.stringContaining(spoken) });
      expect(call.timeline.some((entry) => entry.type === 'verb' && entry['verb'] === 'Dial')).toBe(false);
      await fx.caughtUp();
      expect(await fx.historyRow(callSid)).toMatchObject({
        outcome: 'rejected',
        refusalReason: reason,
        otherParty: destination,
      });
    }
  });

  it('refuses an agent who has no business number, and a destination that is not a phone number', async () => {
    const noNumber = await fx.placeOutbound(fx.benSipUsername, '+13125550199');
    await fx.settled(noNumber);
    expect((await fx.events(noNumber)).map((event) => (event.data as { reason?: string }).reason)).toEqual([
      'agent_without_number',
    ]);

    const invalid = await fx.placeOutbound(fx.anaSipUsername, '+1555');
    await fx.settled(invalid);
    expect((await fx.events(invalid)).map((event) => (event.data as { reason?: string }).reason)).toEqual([
      'invalid_destination',
    ]);
  });
});

describe('callbacks Telnyx delivers twice and out of order', () => {
  it('stores each fact once and never lets a late status move the call backwards', async () => {
    await fx.settings({ callbackChaos: { duplicate: true, shuffle: true } });
    try {
      await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'answer', answerAfterMs: 300, hangupAfterMs: 3000 });
      const callSid = await fx.placeInbound('+17735550146', ANA_NUMBER);
      const call = await fx.settled(callSid);
      const deliveries = call.timeline.filter((entry) => entry.type === 'callback');
      expect(deliveries.some((entry) => entry['duplicate'] === true)).toBe(true);

      const row = await fx.historyRowWhen(callSid, (r) => r.recordingStored && r.status === 'completed');
      expect(row).toMatchObject({
        outcome: 'answered',
        status: 'completed',
        talkSec: 3,
        recordingKind: 'conversation',
      });

      const events = await fx.events(callSid);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      expect(events.filter((event) => event.type === 'RecordingCompleted')).toHaveLength(1);
      expect(events.filter((event) => event.type === 'RecordingStored')).toHaveLength(1);
      const statuses = events
        .filter((event) => event.type === 'CallStatusChanged')
        .map((event) => (event.data as { status: string }).status);
      const rank = ['initiated', 'ringing', 'in-progress', 'completed'];
      // Stored statuses only ever move forward, and the final one is the last.
      expect(statuses.map((status) => rank.indexOf(status))).toEqual(
        [...statuses.map((status) => rank.indexOf(status))].sort((a, b) => a - b),
      );
      expect(new Set(statuses).size).toBe(statuses.length);
      expect(statuses.at(-1)).toBe('completed');
    } finally {
      await fx.settings({ callbackChaos: { duplicate: false, shuffle: false } });
    }
  });
});

describe('recordings', () => {
  it('stay playable from our own URL after Telnyx’s URL has expired', async () => {
    await fx.settings({ recordingUrlTtlMs: 300 });
    try {
      await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'answer', answerAfterMs: 200, hangupAfterMs: 1000 });
      const callSid = await fx.placeInbound('+17735550147', ANA_NUMBER);
      const call = await fx.settled(callSid);
      await fx.historyRowWhen(callSid, (r) => r.recordingStored);
      const telnyxUrl = `${fx.simUrl}/sim/recordings/${call.recordings[0]}.wav`;
      await poll(async () => ((await fetch(telnyxUrl)).status === 404 ? true : undefined), 'the Telnyx URL to expire');

      const played = await api('ana', `/api/calls/${encodeURIComponent(callSid)}/recording`);
      expect(played.statusCode).toBe(200);
      expect(played.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    } finally {
      await fx.settings({ recordingUrlTtlMs: 600_000 });
    }
  });
});

describe('every TeXML answer', () => {
  it('uses only verbs, nouns and attributes Telnyx documents', async () => {
    const { data } = (await (await fx.sim('/sim/calls', 'GET')).json()) as { data: SimCallView[] };
    const answers = data.flatMap((call) => texmlAnswers(call));
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const answer of answers) assertDocumentedTexml(answer.body);
  });

  it('is rejected by the check when it is not', () => {
    expect(() => assertDocumentedTexml('<Response><Dial><Client>ana</Client></Dial></Response>')).toThrow();
    expect(() =>
      assertDocumentedTexml('<Response><Dial recordingChannel="dual"><Number>+13125550101</Number></Dial></Response>'),
    ).toThrow(/not a documented attribute/);
    expect(() => assertDocumentedTexml('<Response><Say>hi<Hangup/></Say></Response>')).toThrow();
  });
});

describe('call history API', () => {
  it('pages newest first with a cursor, filters, and keeps each user to what they may see', async () => {
    const seen: { callSid: string; startedAt: string; agentId: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/calls?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await api('audrey', query)).json<{ items: typeof seen; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seen.map((item) => item.callSid)).size).toBe(seen.length);
    const starts = seen.map((item) => item.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());

    const ben = (await api('ben', '/api/calls?limit=100')).json<{ items: typeof seen }>();
    expect(ben.items.length).toBeGreaterThan(0);
    expect(ben.items.every((item) => item.agentId === users.ben.userId || item.agentId === null)).toBe(true);

    const future = (
      await api('audrey', `/api/calls?from=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`)
    ).json<{ items: unknown[] }>();
    expect(future.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const rejected = (await api('audrey', `/api/calls?outcome=rejected&from=${today}&to=${today}`)).json<{
      items: { outcome: string }[];
    }>();
    expect(rejected.items.length).toBeGreaterThan(0);
    expect(rejected.items.every((item) => item.outcome === 'rejected')).toBe(true);

    expect((await api('ana', '/api/calls?cursor=not-ours')).statusCode).toBe(400);
    expect((await fx.server.app.inject({ method: 'GET', url: '/api/calls' })).statusCode).toBe(401);
  });
});

describe('live updates', () => {
  it('pushes the signed-in agent’s call rows over SSE as the history changes, and not colleagues’', async () => {
    const streamFor = async (user: DemoUser) => {
      const controller = new AbortController();
      const response = await fetch(`${fx.server.url}/api/events/stream`, {
        headers: { cookie: await fx.signIn(user) },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      let text = '';
      const decoder = new TextDecoder();
      return {
        async until(predicate: (text: string) => boolean) {
          while (!predicate(text)) {
            const { value, done } = await reader.read();
            if (done) throw new Error('stream ended');
            text += decoder.decode(value, { stream: true });
          }
          return text;
        },
        get text() {
          return text;
        },
        close: () => controller.abort(),
      };
    };
    const ana = await streamFor('ana');
    const ben = await streamFor('ben');
    try {
      await ana.until((text) => text.includes(': connected'));
      await ben.until((text) => text.includes(': connected'));
      await fx.callee(sipOf(fx.anaSipUsername), { behaviour: 'answer', answerAfterMs: 200, hangupAfterMs: 1000 });
      const callSid = await fx.placeInbound('+17735550148', ANA_NUMBER);
      const text = await ana.until((t) => t.includes(callSid) && t.includes('"outcome":"answered"'));
      const frames = text.split('\n\n').filter((frame) => frame.includes(callSid));
      expect(frames[0]).toMatch(/^event: call\ndata: \{/);
      await fx.historyRowWhen(callSid, (r) => r.recordingStored);
      await ana.until((t) => t.includes('"stored":true'));
      expect(ben.text).not.toContain(callSid);
    } finally {
      ana.close();
      ben.close();
    }
  });

  it('requires a signed-in user', async () => {
    expect((await fx.server.app.inject({ method: 'GET', url: '/api/events/stream' })).statusCode).toBe(401);
  });
});
