import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSigner } from '@curbe-voice/telnyx-sim/signing/webhook-signer';
import { CSRF_HEADER, DEMO_ACCOUNT_ID } from '@curbe-voice/backend';
import { ANA_NUMBER, createCallFixture, type CallFixture } from '../../support/call-fixture';

/**
 * Each agency's webhooks are signed by Telnyx with the key of the agency's own (managed) account. The
 * backend verifies a webhook with the keys of the account its AccountSid names — the ones an admin
 * entered from that account's portal — or the manager's key, and refuses anything else with 401,
 * storing nothing.
 */
let fx: CallFixture;
let demoTelnyxAccount = '';
let otherTelnyxAccount = '';
/** Stands for the other agency's Telnyx key: its public half is what that agency entered. */
const otherAgencySigner = WebhookSigner.generate();
const nowSec = () => Math.floor(Date.now() / 1000);
let sidCounter = 0;
const newCallSid = () => `v3:keys-${Date.now()}-${++sidCounter}`;

beforeAll(async () => {
  fx = await createCallFixture();
  const { deps } = fx.server;
  demoTelnyxAccount = (await deps.accounts.get(DEMO_ACCOUNT_ID))!.telnyxAccountId;
  const other = await deps.accounts.register({ name: 'Other Agency' }, { actor: 'system' });
  otherTelnyxAccount = other.telnyxAccountId;
  await deps.accounts.addWebhookPublicKey(other.accountId, otherAgencySigner.publicKeyBase64, { actor: 'system' });
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const inboundBody = (accountSid: string, callSid = newCallSid()) =>
  new URLSearchParams({
    AccountSid: accountSid,
    CallSid: callSid,
    CallSidLegacy: callSid,
    From: '+17735550100',
    To: ANA_NUMBER,
    ConnectionId: 'conn',
    ApiVersion: '2010-04-01',
    CallStatus: 'ringing',
  }).toString();

function deliver(body: string, signer: WebhookSigner) {
  return fx.server.app.inject({
    method: 'POST',
    url: '/webhooks/telnyx/inbound',
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signer.sign(body, nowSec()) },
  });
}

const storeSize = async () => (await fx.server.deps.eventStore.readAll()).length;

async function enterKey(publicKey: string) {
  const cookie = await fx.signIn('ada');
  return fx.server.app.inject({
    method: 'POST',
    url: `/api/accounts/${DEMO_ACCOUNT_ID}/webhook-keys`,
    headers: { cookie, [CSRF_HEADER]: '1' },
    payload: { publicKey },
  });
}

describe('webhooks verified with the keys of the account they name', () => {
  it("answers a real call: the simulator signs with the demo account's key, the one entered from its portal", async () => {
    await fx.callee('+13125550999', { behaviour: 'answer', hangupAfterMs: 200 });
    const callSid = await fx.placeInbound('+17735550111', ANA_NUMBER);
    const view = await fx.settled(callSid);
    const fetches = view.timeline.filter((entry) => entry.type === 'texml_fetch');
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches.every((entry) => entry['response_status'] === 200)).toBe(true);
    expect(await fx.events(callSid)).not.toHaveLength(0);
  });

  it("refuses a webhook naming the demo account but signed with another account's key: 401, nothing stored", async () => {
    const before = await storeSize();
    const intruder = otherAgencySigner;
    const response = await deliver(inboundBody(demoTelnyxAccount), intruder);
    expect(response.statusCode).toBe(401);
    expect(await storeSize()).toBe(before);
    // The same key is good for the account it belongs to.
    const accepted = await deliver(inboundBody(otherTelnyxAccount), intruder);
    expect(accepted.statusCode).not.toBe(401);
  });

  it('refuses a webhook naming a Telnyx account that is none of ours, even signed with a valid key', async () => {
    const signer = WebhookSigner.generate();
    expect((await enterKey(signer.publicKeyBase64)).statusCode).toBe(200);
    const before = await storeSize();
    const response = await deliver(inboundBody('00000000-0000-4000-8000-00000000dead'), signer);
    expect(response.statusCode).toBe(401);
    const missing = await deliver(inboundBody('').replace(/^AccountSid=&/, ''), signer);
    expect(missing.statusCode).toBe(401);
    expect(await storeSize()).toBe(before);
  });

  it('accepts both keys during a rotation, and no longer the one before them', async () => {
    const first = WebhookSigner.generate();
    const second = WebhookSigner.generate();
    const third = WebhookSigner.generate();
    expect((await enterKey(first.publicKeyBase64)).statusCode).toBe(200);
    const rotated = await enterKey(second.publicKeyBase64);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toEqual({
      telnyxAccountId: demoTelnyxAccount,
      publicKeys: [first.publicKeyBase64, second.publicKeyBase64],
    });
    expect((await deliver(inboundBody(demoTelnyxAccount), first)).statusCode).toBe(200);
    expect((await deliver(inboundBody(demoTelnyxAccount), second)).statusCode).toBe(200);

    expect((await enterKey(third.publicKeyBase64)).statusCode).toBe(200);
    const before = await storeSize();
    expect((await deliver(inboundBody(demoTelnyxAccount), first)).statusCode).toBe(401);
    expect(await storeSize()).toBe(before);
    expect((await deliver(inboundBody(demoTelnyxAccount), third)).statusCode).toBe(200);
  });

  it('follows a rotation in the simulator: the new key, once entered, verifies its calls', async () => {
    const rotated = await fx.sim(`/sim/accounts/${demoTelnyxAccount}/public-key/rotate`, 'POST');
    const { public_key } = (await rotated.json()) as { public_key: string };
    expect((await enterKey(public_key)).statusCode).toBe(200);
    await fx.callee('+13125550999', { behaviour: 'answer', hangupAfterMs: 200 });
    const callSid = await fx.placeInbound('+17735550112', ANA_NUMBER);
    const view = await fx.settled(callSid);
    const fetches = view.timeline.filter((entry) => entry.type === 'texml_fetch');
    expect(fetches.every((entry) => entry['response_status'] === 200)).toBe(true);
  });

  it('refuses a key that is not 32 bytes of base64 with 400', async () => {
    const response = await enterKey('not-a-key');
    expect(response.statusCode).toBe(400);
  });
});
