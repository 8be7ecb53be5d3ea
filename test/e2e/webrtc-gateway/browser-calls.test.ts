import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebRtcWorld, type WebRtcWorld } from '@curbe-voice/telnyx-sim/webrtc/testing/webrtc-world';

/**
 * The real `@telnyx/webrtc` SDK in headless Chromium against the simulator's WebRTC gateway: it logs
 * in with a token from the REST API, places and receives calls with audio flowing both ways, holds,
 * sends DTMF and hangs up — asserted on the browser's own RTP statistics, not on call states alone.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
];
const AGENT_CELL = '+13125550199';

interface Audio {
  packetsReceived: number;
  audioEnergy: number;
  packetsSent: number;
}

/** What phone-page.html exposes to the test. */
interface PhonePage {
  connect(host: string, token: string): Promise<string>;
  call(destination: string): string;
  states(id?: string): string[];
  latest(direction: 'inbound' | 'outbound'): { id: string; state: string } | null;
  state(id: string): string;
  cause(id: string): string | null;
  answer(id: string): Promise<void>;
  hold(id: string): Promise<void>;
  unhold(id: string): Promise<void>;
  dtmf(id: string, digits: string): Promise<void>;
  hangup(id: string): Promise<void>;
  audio(id: string): Promise<Audio>;
  disconnect(): Promise<void>;
}
declare const phone: PhonePage;

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser calls skipped: no Chromium at ${CHROMIUM}`);

describe.skipIf(!haveChromium)('the real web phone SDK against the simulator', () => {
  let world: WebRtcWorld;
  let pageServer: FastifyInstance;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    world = await startWebRtcWorld();
    pageServer = await servePhonePage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    const { port } = pageServer.server.address() as AddressInfo;
    // Served from 127.0.0.1 so that the page is a secure context (navigator.mediaDevices exists).
    await page.goto(`http://127.0.0.1:${port}/`);
    const token = await world.issueToken();
    expect(await page.evaluate(([host, t]) => phone.connect(host, t), [world.gatewayUrl, token] as const)).toBe('ready');
  });

  afterAll(async () => {
    await page?.evaluate(() => phone.disconnect()).catch(() => undefined);
    await browser?.close();
    await pageServer?.close();
    await world?.close();
  });

  async function audioOf(id: string): Promise<Audio> {
    return page.evaluate((callId) => phone.audio(callId), id);
  }

  async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 8000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function stateIs(id: string, state: string) {
    return until(async () => ((await page.evaluate((callId) => phone.state(callId), id)) === state ? true : undefined), `call ${state}`);
  }

  /** Audio is flowing both ways: the browser receives the far end's tone and sends its microphone. */
  function audioBothWays(id: string, moreThan: Audio = { packetsReceived: 0, packetsSent: 0, audioEnergy: 0 }) {
    return until(async () => {
      const a = await audioOf(id);
      return a.packetsReceived > moreThan.packetsReceived + 20 && a.packetsSent > moreThan.packetsSent + 20 && a.audioEnergy > moreThan.audioEnergy
        ? a
        : undefined;
    }, 'audio both ways');
  }

  async function browserHearsNothing(id: string): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 200)); // packets already on their way
    const before = (await audioOf(id)).packetsReceived;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return (await audioOf(id)).packetsReceived === before;
  }

  async function callView(callSid: string) {
    return (await world.control('GET', `/sim/calls/${encodeURIComponent(callSid)}`)).body as {
      status: string;
      timeline: Record<string, unknown>[];
    };
  }

  it('places a call that connects with two-way audio, holds for real, sends DTMF and hangs up', async () => {
    world.customer.on('/outbound', `<Response><Dial><Number>${AGENT_CELL}</Number></Dial></Response>`);
    await world.control('PUT', `/sim/callees/${AGENT_CELL}`, { behaviour: 'answer', answerAfterMs: 100, hangupAfterMs: null });

    const id = await page.evaluate((to) => phone.call(to), AGENT_CELL);
    await stateIs(id, 'active');
    const talking = await audioBothWays(id);
    const callSid = world.customer.at('/outbound')[0]!.params['CallSid']!;

    await page.evaluate((callId) => phone.hold(callId), id);
    await stateIs(id, 'held');
    expect(await browserHearsNothing(id)).toBe(true);
    await page.evaluate((callId) => phone.unhold(callId), id);
    await stateIs(id, 'active');
    await audioBothWays(id, await audioOf(id));
    expect((await audioOf(id)).packetsReceived).toBeGreaterThan(talking.packetsReceived);

    await page.evaluate((callId) => phone.dtmf(callId, '7'), id);
    await page.evaluate((callId) => phone.hangup(callId), id);
    await until(async () => ((await page.evaluate((callId) => phone.states(callId), id)).includes('hangup') ? true : undefined), 'hangup');

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
    world.customer.on('/voice', `<Response><Dial timeout="10"><Sip>sip:${world.sipUsername}@sip.telnyx.com</Sip></Dial></Response>`);
    const placed = await world.control('POST', '/sim/calls/inbound', { from: '+13055550123', to: world.ourNumber });
    expect(placed.status).toBe(201);
    const callSid = placed.body['call_sid'] as string;

    const ringing = await until(async () => {
      const latest = await page.evaluate(() => phone.latest('inbound'));
      return latest?.state === 'ringing' ? latest : undefined;
    }, 'inbound call ringing');
    await page.evaluate((callId) => phone.answer(callId), ringing.id);
    await stateIs(ringing.id, 'active');
    await audioBothWays(ringing.id);
    expect((await callView(callSid)).status).toBe('in-progress');

    await world.control('POST', `/sim/calls/${encodeURIComponent(callSid)}/hangup`);
    await until(
      async () => ((await page.evaluate((callId) => phone.states(callId), ringing.id)).includes('hangup') ? true : undefined),
      'hangup after the caller left',
    );
    expect(await page.evaluate((callId) => phone.cause(callId), ringing.id)).toBe('NORMAL_CLEARING');
  });
});

/** The web phone page and the SDK bundle, from 127.0.0.1. */
async function servePhonePage(): Promise<FastifyInstance> {
  const sdkBundle = readFileSync(createRequire(import.meta.url).resolve('@telnyx/webrtc'), 'utf8');
  const html = readFileSync(new URL('./phone-page.html', import.meta.url), 'utf8');
  const app = Fastify();
  app.get('/', (_request, reply) => reply.type('text/html').send(html));
  app.get('/telnyx-webrtc.js', (_request, reply) => reply.type('application/javascript').send(sdkBundle));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}
