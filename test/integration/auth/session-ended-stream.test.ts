import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallFixture, type CallFixture } from '../../support/call-fixture';

/**
 * An open live-updates stream is how an idle web phone learns that its session ended: the backend
 * says `session-ended` and closes the stream within a second of a sign-out on another device.
 */

let fx: CallFixture;
beforeAll(async () => {
  fx = await createCallFixture();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

/** Reads the stream's text until `done` holds or the stream ends; `finished` says what it read and when. */
async function readStream(cookie: string, done: (text: string) => boolean) {
  const response = await fetch(`${fx.server.url}/api/events/stream`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (stop: (text: string) => boolean): Promise<void> => {
    while (!stop(text)) {
      const chunk = await reader.read();
      if (chunk.done) return;
      text += decoder.decode(chunk.value, { stream: true });
    }
  };
  await readUntil((read) => read.includes(': connected'));
  const finished = readUntil(done).then(() => ({ text, at: Date.now() }));
  return { finished, cancel: () => reader.cancel() };
}

describe('the live-updates stream of an ended session', () => {
  it('says session-ended and closes within a second of a sign-out elsewhere', async () => {
    const thisTab = await fx.signIn('ana');
    const otherDevice = await fx.signIn('ana');
    const stream = await readStream(thisTab, () => false);
    const signedOutAt = Date.now();
    const out = await fetch(`${fx.server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: otherDevice, 'x-curbe-csrf': '1' },
    });
    expect(out.status).toBe(204);
    const { text, at } = await stream.finished;
    expect(text).toContain('event: session-ended');
    expect(at - signedOutAt).toBeLessThan(1_000);
  });

  it('keeps the stream of a member whose session stands', async () => {
    const anas = await fx.signIn('ana');
    const stream = await readStream(anas, (text) => text.includes('session-ended'));
    // Someone else signing out ends nobody else's session.
    const bens = await fx.signIn('ben');
    await fetch(`${fx.server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: bens, 'x-curbe-csrf': '1' } });
    const outcome = await Promise.race([
      stream.finished.then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 1_200)),
    ]);
    expect(outcome).toBe('still open');
    await stream.cancel();
  });
});
