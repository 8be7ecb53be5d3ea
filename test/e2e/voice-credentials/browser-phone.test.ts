import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANA_NUMBER,
  createCallFixture,
  CUSTOMER,
  type CallFixture,
  type SimCallView,
} from '../../support/call-fixture';
import { canRunInChromium, launchChromium } from '../support/chromium';
import { callsOn, PHONE_PAGE, type PhonePage } from '../webrtc-gateway/phone-page';

/**
 * The web phone's whole path to a call, in headless Chromium with the real `@telnyx/webrtc` SDK: the
 * page signs in to the backend, fetches its login token from `/api/voice/credentials`, registers
 * with the simulator's gateway, and places and receives calls routed by the backend's TeXML
 * webhooks — asserted on the browser's own RTP statistics.
 */

declare const phone: PhonePage;

/** The TeXML the simulator fetched for a call: from which URL, and what our backend answered. */
function texmlFetches(call: SimCallView): { url: string; body: string }[] {
  return call.timeline
    .filter((entry) => entry.type === 'texml_fetch')
    .map((entry) => ({
      url: String(entry['url']),
      body: typeof entry['response_body'] === 'string' ? entry['response_body'] : '',
    }));
}

interface CredentialsAnswer {
  status: number;
  body: {
    token: string;
    sip_username: string;
    expires_at: string;
    connection: { host?: string; iceServers?: unknown[] };
  };
  cookieVisibleToScript: boolean;
}

describe.skipIf(!canRunInChromium('browser phone'))('an agent’s browser phone, signed in through the backend', () => {
  let fx: CallFixture;
  let browser: Browser;
  let page: Page;
  let calls: ReturnType<typeof callsOn>;
  let credentials: CredentialsAnswer;

  beforeAll(async () => {
    fx = await createCallFixture();
    const backendUrl = fx.server.deps.config.publicUrl;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // The phone page must live on the backend's origin, so that its fetches are same-origin and carry
    // the cookie. A document really loaded from 127.0.0.1 (the backend's health check) gets the page
    // written into it: Chromium lets only such a local document open the gateway's loopback socket.
    const sdkBundle = readFileSync(createRequire(import.meta.url).resolve('@telnyx/webrtc'), 'utf8');
    await page.route(`${backendUrl}/telnyx-webrtc.js`, (route) =>
      route.fulfill({ contentType: 'application/javascript', body: sdkBundle }),
    );
    await page.goto(`${backendUrl}/health`);
    await page.setContent(readFileSync(PHONE_PAGE, 'utf8'));

    credentials = await page.evaluate(
      async ({ email, password }) => {
        const login = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-curbe-csrf': '1' },
          body: JSON.stringify({ email, password }),
        });
        if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
        const response = await fetch('/api/voice/credentials');
        return {
          status: response.status,
          body: (await response.json()) as CredentialsAnswer['body'],
          cookieVisibleToScript: document.cookie.includes('session'),
        };
      },
      { email: 'ana@demo.curbe.test', password: fx.server.deps.config.demoPassword },
    );
    calls = callsOn(page);
  }, 60_000);

  afterAll(async () => {
    await page?.evaluate(() => phone.disconnect()).catch(() => undefined);
    await browser?.close();
    await fx?.close();
  });

  it('gets a login token (not the SIP password) and registers with the gateway', async () => {
    expect(credentials.status).toBe(200);
    expect(credentials.cookieVisibleToScript).toBe(false);
    expect(credentials.body.sip_username).toBe(fx.anaSipUsername);
    expect(credentials.body.connection).toEqual({ host: fx.simUrl.replace(/^http/, 'ws'), iceServers: [] });
    expect(JSON.stringify(credentials.body)).not.toMatch(/password/i);
    const { host } = credentials.body.connection;
    expect(await page.evaluate(([h, token]) => phone.connect(h, token), [host!, credentials.body.token] as const)).toBe(
      'ready',
    );
  });

  it('places a call that the backend routes out, talks both ways, and hangs up', async () => {
    await fx.callee(CUSTOMER, { behaviour: 'answer', answerAfterMs: 100, hangupAfterMs: null });
    const id = await page.evaluate((to) => phone.call(to), CUSTOMER);
    await calls.stateIs(id, 'active');
    await calls.audioBothWays(id);
    await page.evaluate((callId) => phone.hangup(callId), id);
    await calls.hungUp(id);

    const simCalls = ((await (await fx.sim('/sim/calls', 'GET')).json()) as { data: SimCallView[] }).data;
    const routed = simCalls
      .flatMap((call) => texmlFetches(call))
      .find((fetch) => fetch.url.endsWith('/webhooks/telnyx/outbound'));
    expect(routed?.url).toBe(`${fx.server.deps.config.publicUrl}/webhooks/telnyx/outbound`);
    expect(routed?.body).toContain(CUSTOMER);
  });

  it('rings when a customer calls the agent’s number, answers with two-way audio, and hangs up when the caller does', async () => {
    const callSid = await fx.placeInbound('+13055550177', ANA_NUMBER);
    const ringing = await calls.ringing();
    await page.evaluate((callId) => phone.answer(callId), ringing.id);
    await calls.stateIs(ringing.id, 'active');
    await calls.audioBothWays(ringing.id);

    const hangup = await fx.sim(`/sim/calls/${encodeURIComponent(callSid)}/hangup`, 'POST');
    expect(hangup.ok).toBe(true);
    await calls.hungUp(ringing.id);
    expect(await page.evaluate((callId) => phone.cause(callId), ringing.id)).toBe('NORMAL_CLEARING');

    const call = await fx.settled(callSid);
    const routed = texmlFetches(call).find((fetch) => fetch.url.endsWith('/webhooks/telnyx/inbound'));
    expect(routed?.body).toContain(`<Sip>sip:${fx.anaSipUsername}@`);
  });
});
