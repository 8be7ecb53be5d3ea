import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import { ANA_NUMBER, createCallFixture, CUSTOMER, type CallFixture } from '../../support/call-fixture';

let fx: CallFixture;
let client: Telnyx;

beforeAll(async () => {
  fx = await createCallFixture();
  await fx.settings({ timeScale: 0.01 });
  const account = (await fx.server.deps.accounts.get(DEMO_ACCOUNT_ID))!;
  client = new Telnyx({
    apiKey: fx.server.deps.accounts.openApiKey(account),
    baseURL: `${fx.simUrl}/v2`,
    maxRetries: 0,
  });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

async function ourApplication() {
  const apps = (await client.texmlApplications.list()).data;
  expect(apps).toHaveLength(1);
  return apps[0]!;
}

describe('when our voice_url fails', () => {
  it('Telnyx asks the fallback URL set at activation, and the caller hears an apology instead of silence', async () => {
    const app = await ourApplication();
    const publicUrl = fx.server.deps.config.publicUrl;
    expect(app.voice_fallback_url).toBe(`${publicUrl}/webhooks/telnyx/fallback`);

    // The primary stops answering (nothing listens there).
    await client.texmlApplications.update(app.id!, {
      friendly_name: app.friendly_name!,
      voice_url: 'http://127.0.0.1:9/webhooks/telnyx/inbound',
    });
    try {
      const call = await fx.settled(await fx.placeInbound(CUSTOMER, ANA_NUMBER));
      const fetches = call.timeline.filter((e) => e.type === 'texml_fetch');
      expect(fetches.map((e) => e['purpose'])).toEqual(['voice_url', 'voice_fallback_url']);
      expect(fetches[1]).toMatchObject({ url: app.voice_fallback_url, response_status: 200 });
      expect(call.timeline).toContainEqual(
        expect.objectContaining({ type: 'verb', verb: 'Say', text: expect.stringContaining('sorry') as unknown }),
      );
      expect(call.status).toBe('completed');
    } finally {
      await client.texmlApplications.update(app.id!, { friendly_name: app.friendly_name!, voice_url: app.voice_url! });
    }
  });

  it('the fallback refuses an unsigned request', async () => {
    const response = await fetch(`${fx.server.deps.config.publicUrl}/webhooks/telnyx/fallback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'CallSid=v3:forged',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('callbacks', () => {
  it('are answered 200, so the simulator counts every one delivered at the first attempt', async () => {
    await fx.callee(`sip:${fx.anaSipUsername}@sip.telnyx.com`, { behaviour: 'busy' });
    const call = await fx.settled(await fx.placeInbound(CUSTOMER, ANA_NUMBER));
    const callbacks = call.timeline.filter((e) => e.type === 'callback');
    expect(callbacks.length).toBeGreaterThan(0);
    for (const attempt of callbacks)
      expect(attempt).toMatchObject({ attempt: 1, response_status: 200, delivered: true, final: true });
  });
});
