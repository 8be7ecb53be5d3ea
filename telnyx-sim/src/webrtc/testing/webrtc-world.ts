import Telnyx from 'telnyx';
import { numberOrderCompleted } from '../../rest/testing/number-order-complete';
import { startCustomerServer, type CustomerServer } from '../../calls/testing/customer-server';
import { startTelnyxSimulator, type RunningSimulator } from '../../index';

/**
 * A simulator provisioned for web phone tests through its REST API, as a customer would: a TeXML
 * application on an ordered number (`/voice` on the customer server), a credential connection whose
 * outbound calls ask `/outbound` for TeXML, and one telephony credential with a login token.
 */

export interface WebRtcWorld {
  sim: RunningSimulator;
  customer: CustomerServer;
  /** The ordered number inbound calls are placed to. */
  ourNumber: string;
  credentialId: string;
  sipUsername: string;
  /** `ws://host:port` — what `@telnyx/webrtc` takes as `host`. */
  gatewayUrl: string;
  /** A fresh login token for the credential, from `POST /v2/telephony_credentials/{id}/token`. */
  issueToken(): Promise<string>;
  /** Calls the simulator's control API (`/sim/...`). */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startWebRtcWorld(): Promise<WebRtcWorld> {
  const sim = await startTelnyxSimulator({ port: 0 });
  const customer = await startCustomerServer(sim.webhookPublicKey);
  try {
    const client = new Telnyx({ apiKey: sim.rootApiKey, baseURL: sim.apiBaseUrl, maxRetries: 0 });
    const app = (
      await client.texmlApplications.create({ friendly_name: 'agency line', voice_url: `${customer.url}/voice` })
    ).data!;
    const available = await client.availablePhoneNumbers.list({ filter: { country_code: 'US', limit: 1 } });
    const ourNumber = available.data![0]!.phone_number!;
    const order = await client.numberOrders.create({
      phone_numbers: [{ phone_number: ourNumber }],
      connection_id: app.id!,
    });
    await numberOrderCompleted(client, order.data!.id!);
    const profile = (await client.outboundVoiceProfiles.create({ name: 'agency calls' })).data!;
    const connection = (
      await client.credentialConnections.create({
        connection_name: 'agency web phones',
        user_name: 'agencyphones',
        password: 'agency-phones-password',
        webhook_api_version: 'texml',
        webhook_event_url: `${customer.url}/outbound`,
        // The agency line dials the agent's SIP URI: Telnyx admits that only when asked.
        sip_uri_calling_preference: 'internal',
        outbound: { call_parking_enabled: true, outbound_voice_profile_id: profile.id! },
      })
    ).data!;
    const credential = (await client.telephonyCredentials.create({ connection_id: connection.id!, name: 'agent' }))
      .data!;
    const control: WebRtcWorld['control'] = async (method, path, body) => {
      const response = await fetch(sim.url + path, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    return {
      sim,
      customer,
      ourNumber,
      credentialId: credential.id!,
      sipUsername: credential.sip_username!,
      gatewayUrl: sim.url.replace(/^http/, 'ws'),
      issueToken: () => client.telephonyCredentials.createToken(credential.id!),
      control,
      close: async () => {
        await sim.close();
        await customer.close();
      },
    };
  } catch (error) {
    await sim.close();
    await customer.close();
    throw error;
  }
}
