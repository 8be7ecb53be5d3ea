import Telnyx from 'telnyx';
import { agentStreamName } from '@curbe-voice/contracts';
import { verifyTelephonyToken } from '@curbe-voice/telnyx-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../support/demo-backend';
import { DEMO_ACCOUNT_ID, demoUserId } from '@curbe-voice/backend';

/** The web phone's login token, over HTTP, from the whole embedded backend and its simulator. */

let backend: DemoBackend;
let ana: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  backend = await startDemoBackend();
  ana = await backend.signIn('ana@demo.curbe.test');
  admin = await backend.signIn('admin@demo.curbe.test');
});
afterAll(async () => {
  await backend?.close();
});

const credentials = (headers: Record<string, string>) =>
  backend.app.inject({ method: 'GET', url: '/api/voice/credentials', headers });

describe('GET /api/voice/credentials', () => {
  it('explains that the agency must be activated first', async () => {
    const response = await credentials(ana);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      message: expect.stringContaining('Activate the phone service for your agency first'),
      reason: 'not_activated',
    });
  });

  it('gives an activated agent a token the gateway accepts for their own credential, and never the SIP password', async () => {
    const started = await backend.app.inject({
      method: 'POST',
      url: `/api/accounts/${DEMO_ACCOUNT_ID}/activation`,
      headers: admin,
    });
    expect(started.statusCode).toBe(202);
    await backend.application.deps.activation.settled(DEMO_ACCOUNT_ID);

    const response = await credentials(ana);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<{
      token: string;
      sip_username: string;
      expires_at: string;
      connection: { host?: string };
    }>();

    const [created] = await backend.application.deps.eventStore.readStream(
      agentStreamName(demoUserId('ana@demo.curbe.test')),
    );
    const { credentialId, sipUsername } = created!.data as { credentialId: string; sipUsername: string };
    const claims = await verifyTelephonyToken(body.token);
    expect(claims.credentialId).toBe(credentialId);
    expect(body.sip_username).toBe(sipUsername);
    expect(body.expires_at).toBe(new Date(claims.expiresAt * 1000).toISOString());
    const simulatorUrl = backend.application.deps.telnyx.apiBaseUrl.replace(/\/v2$/, '');
    expect(body.connection).toEqual({ host: simulatorUrl.replace(/^http/, 'ws'), iceServers: [] });

    const { accounts, telnyx } = backend.application.deps;
    const account = (await accounts.get(DEMO_ACCOUNT_ID))!;
    const atTelnyx = await new Telnyx({
      apiKey: accounts.openApiKey(account),
      baseURL: telnyx.apiBaseUrl,
    }).telephonyCredentials.retrieve(credentialId);
    expect(atTelnyx.data?.sip_password).toEqual(expect.any(String));
    expect(response.body).not.toContain(atTelnyx.data!.sip_password!);
    expect(response.body).not.toMatch(/password/i);
  });

  it('gives each agent at most 10 tokens a minute', async () => {
    const ben = await backend.signIn('ben@demo.curbe.test');
    for (let request = 1; request <= 10; request += 1) expect((await credentials(ben)).statusCode).toBe(200);
    const refused = await credentials(ben);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await credentials(ana)).statusCode).toBe(200);
  });
});
