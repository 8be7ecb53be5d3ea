import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSigner } from '../signing/webhook-signer';
import { SimState } from '../state/sim-state';
import type { CallEngine } from './call-engine';
import type { DialOffer, SipEndpointRegistry } from './dial-legs';
import { callEnginePlugin } from './plugin';
import { startCustomerServer, type CustomerServer } from './testing/customer-server';

const OUR_NUMBER = '+15550001000';
const ACCOUNT = 'acc-11111111';
const OTHER_ACCOUNT = 'acc-22222222';
const AGENT_URI = 'sip:gencredAgent7@sip.telnyx.com';

let sim: FastifyInstance;
let engine: CallEngine;
let state: SimState;
let customer: CustomerServer;
let offers: DialOffer[];

const texml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

/** The agent's browser is online and answers whatever rings it. */
const onlineAgent: SipEndpointRegistry = {
  lookup: (username) =>
    username === 'gencredAgent7'
      ? {
          ring(offer) {
            offers.push(offer);
            return { outcome: Promise.resolve('answered'), farEndHangup: Promise.resolve(), end: () => {} };
          },
        }
      : undefined,
};

beforeEach(async () => {
  offers = [];
  state = new SimState();
  const signer = WebhookSigner.generate();
  sim = Fastify();
  await sim.register(callEnginePlugin, { state, signer, publicUrl: () => 'http://127.0.0.1' });
  engine = sim.callEngine;
  engine.updateSettings({ timeScale: 0.01 });
  engine.sipEndpoints = onlineAgent;
  customer = await startCustomerServer(signer.publicKeyBase64);
  customer.on('/voice', texml(`<Dial action="/dial-done" timeout="5"><Sip>${AGENT_URI}</Sip></Dial>`));
  customer.on('/dial-done', texml('<Say>Please leave a message</Say><Hangup/>'));
});

afterEach(async () => {
  await sim.close();
  await customer.close();
});

/** Our number on a TeXML application of `appAccount`; the agent's credential on a connection of `agentAccount`. */
function world(preference: string | undefined, appAccount = ACCOUNT, agentAccount = ACCOUNT): void {
  state.put(appAccount, 'texml_application', { id: 'texml-app-1', voice_url: `${customer.url}/voice` });
  state.put(appAccount, 'phone_number', { id: 'pn-1', phone_number: OUR_NUMBER, connection_id: 'texml-app-1' });
  state.put(agentAccount, 'credential_connection', {
    id: 'cred-conn-1',
    user_name: 'curbeconnection',
    ...(preference === undefined ? {} : { sip_uri_calling_preference: preference }),
  });
  state.put(agentAccount, 'telephony_credential', {
    id: 'tc-1',
    sip_username: 'gencredAgent7',
    connection_id: 'cred-conn-1',
  });
}

async function dialStatus(): Promise<string | undefined> {
  const { callSid } = engine.startInbound({ from: '+15557770000', to: OUR_NUMBER });
  await engine.waitForCall(callSid);
  return customer.at('/dial-done')[0]?.params['DialCallStatus'];
}

describe('SIP URI calling to a credential', () => {
  it('is refused while the connection keeps the default: the dial fails and the agent never rings', async () => {
    world(undefined);
    expect(await dialStatus()).toBe('failed');
    expect(offers).toEqual([]);
  });

  it('is refused when the connection says disabled', async () => {
    world('disabled');
    expect(await dialStatus()).toBe('failed');
    expect(offers).toEqual([]);
  });

  it('internal: rings the agent for a call of the same account, not for another account', async () => {
    world('internal');
    expect(await dialStatus()).toBe('completed');
    expect(offers).toEqual([expect.objectContaining({ to: AGENT_URI })]);

    state.resources.clear();
    customer.received.length = 0;
    offers = [];
    world('internal', OTHER_ACCOUNT, ACCOUNT);
    expect(await dialStatus()).toBe('failed');
    expect(offers).toEqual([]);
  });

  it('unrestricted: rings the agent whoever calls', async () => {
    world('unrestricted', OTHER_ACCOUNT, ACCOUNT);
    expect(await dialStatus()).toBe('completed');
    expect(offers).toHaveLength(1);
  });
});
