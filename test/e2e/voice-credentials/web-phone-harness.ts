import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Driving `test/e2e/webrtc-gateway/phone-page.html` (a bare page around the real `@telnyx/webrtc`
 * bundle that exposes `window.phone`) in headless Chromium, with the flags the simulator's media
 * needs on a loopback-only machine (see shared/design/webrtc-signaling.md).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = [
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

export const PHONE_PAGE = new URL('../webrtc-gateway/phone-page.html', import.meta.url);

export interface Audio {
  packetsReceived: number;
  audioEnergy: number;
  packetsSent: number;
}

/** What phone-page.html exposes as `window.phone`. */
export interface PhonePage {
  connect(host: string, token: string): Promise<string>;
  call(destination: string): string;
  states(id?: string): string[];
  latest(direction: 'inbound' | 'outbound'): { id: string; state: string } | null;
  state(id: string): string;
  cause(id: string): string | null;
  answer(id: string): Promise<void>;
  hangup(id: string): Promise<void>;
  audio(id: string): Promise<Audio>;
  disconnect(): Promise<void>;
}

/** Retries `probe` until it yields a value; the deadline only guards against a hung test. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

declare const phone: PhonePage;

/** The calls on a page, as the SDK reports them. */
export function callsOn(page: Page) {
  const audioOf = (id: string) => page.evaluate((callId) => phone.audio(callId), id);
  return {
    audioOf,
    stateIs: (id: string, state: string) =>
      until(async () => ((await page.evaluate((callId) => phone.state(callId), id)) === state ? true : undefined), `call ${state}`),
    /** Until the SDK has reported `hangup` for the call. */
    hungUp: (id: string) =>
      until(async () => ((await page.evaluate((callId) => phone.states(callId), id)).includes('hangup') ? true : undefined), 'hangup'),
    /** Audio flows both ways: the browser receives the far end's tone and sends its (fake) microphone. */
    audioBothWays: (id: string) =>
      until(async () => {
        const audio = await audioOf(id);
        return audio.packetsReceived > 20 && audio.packetsSent > 20 && audio.audioEnergy > 0 ? audio : undefined;
      }, 'audio both ways'),
  };
}
