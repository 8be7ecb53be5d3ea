import type { Page } from 'playwright-core';
import { until } from '../support/chromium';

/**
 * Driving `phone-page.html` (a bare page around the real `@telnyx/webrtc` bundle that exposes
 * `window.phone`) from a browser test.
 */

export const PHONE_PAGE = new URL('./phone-page.html', import.meta.url);

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
  hold(id: string): Promise<void>;
  unhold(id: string): Promise<void>;
  dtmf(id: string, digits: string): Promise<void>;
  hangup(id: string): Promise<void>;
  audio(id: string): Promise<Audio>;
  disconnect(): Promise<void>;
}

declare const phone: PhonePage;

const SILENCE: Audio = { packetsReceived: 0, packetsSent: 0, audioEnergy: 0 };

/** The calls on a page, as the SDK reports them. */
export function callsOn(page: Page) {
  const audioOf = (id: string) => page.evaluate((callId) => phone.audio(callId), id);
  return {
    audioOf,
    stateIs: (id: string, state: string) =>
      until(
        async () => ((await page.evaluate((callId) => phone.state(callId), id)) === state ? true : undefined),
        `call ${state}`,
      ),
    /** Until an inbound call rings on the page; it is returned. */
    ringing: () =>
      until(async () => {
        const latest = await page.evaluate(() => phone.latest('inbound'));
        return latest?.state === 'ringing' ? latest : undefined;
      }, 'inbound call ringing'),
    /** Until the SDK has reported `hangup` for the call. */
    hungUp: (id: string, what = 'hangup') =>
      until(
        async () => ((await page.evaluate((callId) => phone.states(callId), id)).includes('hangup') ? true : undefined),
        what,
      ),
    /**
     * Audio flows both ways (beyond what `moreThan` had counted): the browser receives the far end's
     * tone and sends its (fake) microphone.
     */
    audioBothWays: (id: string, moreThan: Audio = SILENCE) =>
      until(async () => {
        const audio = await audioOf(id);
        return audio.packetsReceived > moreThan.packetsReceived + 20 &&
          audio.packetsSent > moreThan.packetsSent + 20 &&
          audio.audioEnergy > moreThan.audioEnergy
          ? audio
          : undefined;
      }, 'audio both ways'),
  };
}
