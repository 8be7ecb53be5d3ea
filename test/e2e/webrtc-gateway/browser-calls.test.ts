import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebRtcWorld, type WebRtcWorld } from '@curbe-voice/telnyx-sim/webrtc/testing/webrtc-world';
import { canRunInChromium, launchChromium, until } from '../support/chromium';
import { callsOn, PHONE_PAGE, type PhonePage } from './phone-page';

/**
 * The real `@telnyx/webrtc` SDK in headless Chromium against the simulator's WebRTC gateway: it logs
 * in with a token from the REST API, places and receives calls with audio flowing both ways, holds,
 * sends DTMF and hangs up — asserted on the browser's own RTP statistics, not on call states alone.
 */

const AGENT_CELL = '+13125550199';
declare const phone: PhonePage;

describe.skipIf(!canRunInChromium('browser calls'))('the real web phone SDK against the simulator', () => {
  let world: WebRtcWorld;
  let pageServer: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let calls: ReturnType<typeof callsOn>;

  beforeAll(async () => {
    world = await startWebRtcWorld();
    pageServer = await servePhonePage();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    calls = callsOn(page);
    const { port } = pageServer.server.address() as AddressInfo;
    // Served from 127.0.0.1 so that the page is a secure context (navigator.mediaDevices exists).
    await page.goto(`http://127.0.0.1:${port}/`);
    const token = await world.issueToken();
    expect(await page.evaluate(([host, t]) => phone.connect(host, t), [world.gatewayUrl, token] as const)).toBe(
      'ready',
    );
  });

  afterAll(async () => {
    await page?.evaluate(() => phone.disconnect()).catch(() => undefined);
    await browser?.close();
    await pageServer?.close();
    await world?.close();
  });

  async function browserHearsNothing(id: string): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 200)); // packets already on their way
    const before = (await calls.audioOf(id)).packetsReceived;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return (await calls.audioOf(id)).packetsReceived === before;
  }

  async function callView(callSid: string) {
    return (await world.control('GET', `/sim/calls/${encodeURIComponent(callSid)}`)).body as {
      status: string;
      timeline: Record<string, unknown>[];
    };
  }

  it('places a call that connects with two-way audio, holds for real, sends DTMF and hangs up', async () => {
    world.customer.on('/outbound', `<Response><Dial><Number>${AGENT_CELL}</Number></Dial></Response>`);
    await world.control('PUT', `/sim/callees/${AGENT_CELL}`, {
      behaviour: 'answer',
      answerAfterMs: 100,
      hangupAfterMs: null,
    });

    const id = await page.evaluate((to) => phone.call(to), AGENT_CELL);
    await calls.stateIs(id, 'active');
    const talking = await calls.audioBothWays(id);
    const callSid = world.customer.at('/outbound')[0]!.params['CallSid']!;

    await page.evaluate((callId) => phone.hold(callId), id);
    await calls.stateIs(id, 'held');
    expect(await browserHearsNothing(id)).toBe(true);
    await page.evaluate((callId) => phone.unhold(callId), id);
    await calls.stateIs(id, 'active');
    await calls.audioBothWays(id, await calls.audioOf(id));
    expect((await calls.audioOf(id)).packetsReceived).toBeGreaterThan(talking.packetsReceived);

    await page.evaluate((callId) => phone.dtmf(callId, '7'), id);
    await page.evaluate((callId) => phone.hangup(callId), id);
    await calls.hungUp(id);

    const ended = await until(async () => {
      const view = await callView(callSid);
      return view.status === 'completed' && view.timeline.some((e) => e['type'] === 'media') ? view : undefined;
    }, 'call completed in the simulator');
    expect(ended.timeline).toContainEqual(expect.objectContaining({ type: 'dtmf', digits: '7' }));
    expect(ended.timeline.filter((e) => e['type'] === 'hold').map((e) => e['state'])).toEqual(['held', 'active']);
    const media = ended.timeline.find((e) => e['type'] === 'media')!;
    expect(media['packets_received']).toBeGreaterThan(20);
    expect(media['received_rms']).toBeGreaterThan(0); // the browser's (fake) microphone reached the far end
  });

  it('rings on an inbound call, answers with two-way audio, and hangs up when the caller does', async () => {
    world.customer.on(
      '/voice',
      `<Response><Dial timeout="10"><Sip>sip:${world.sipUsername}@sip.telnyx.com</Sip></Dial></Response>`,
    );
    const placed = await world.control('POST', '/sim/calls/inbound', { from: '+13055550123', to: world.ourNumber });
    expect(placed.status).toBe(201);
    const callSid = placed.body['call_sid'] as string;

    const ringing = await calls.ringing();
    await page.evaluate((callId) => phone.answer(callId), ringing.id);
    await calls.stateIs(ringing.id, 'active');
    await calls.audioBothWays(ringing.id);
    expect((await callView(callSid)).status).toBe('in-progress');

    await world.control('POST', `/sim/calls/${encodeURIComponent(callSid)}/hangup`);
    await calls.hungUp(ringing.id, 'hangup after the caller left');
    expect(await page.evaluate((callId) => phone.cause(callId), ringing.id)).toBe('NORMAL_CLEARING');
  });
});

/** The web phone page and the SDK bundle, from 127.0.0.1. */
async function servePhonePage(): Promise<FastifyInstance> {
  const sdkBundle = readFileSync(createRequire(import.meta.url).resolve('@telnyx/webrtc'), 'utf8');
  const html = readFileSync(PHONE_PAGE, 'utf8');
  const app = Fastify();
  app.get('/', (_request, reply) => reply.type('text/html').send(html));
  app.get('/telnyx-webrtc.js', (_request, reply) => reply.type('application/javascript').send(sdkBundle));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}
