import Telnyx from 'telnyx';
import type {
  CredentialConnectionCreateParams,
  OutboundVoiceProfileCreateParams,
  TelephonyCredentialCreateParams,
  TexmlApplicationCreateParams,
} from 'telnyx/resources';
import { numbersTelnyx, type NumbersTelnyx } from './account-numbers';
import { createTelephonyToken, type TelephonyToken } from './telephony-token';
import { callTelnyx, TelnyxPermanentError } from './telnyx-errors';

/**
 * The only door to Telnyx: provisioning, numbers and the browsers' login tokens. One root client (our own key: managed accounts) and a
 * client per managed account, derived with that account's key. Reads and updates are idempotent, so
 * the SDK retries them (429/5xx, honouring retry-after). Creates are sent once (`maxRetries: 0`): a
 * 5xx after Telnyx committed would otherwise create a second resource; callers look the resource up
 * by its tag before trying again (see `retryTransient`).
 */

export interface TelnyxGatewayOptions {
  /** Our root (manager) API key. */
  apiKey: string;
  /** Ends in `/v2`; the simulator's `apiBaseUrl` in embedded mode. */
  baseURL?: string;
  maxRetries?: number;
  timeoutMs?: number;
  /** The HTTP client the SDK uses (e.g. one that counts Telnyx's error answers for the metrics). */
  fetch?: typeof fetch;
  /** `rollup_billing` of the managed accounts created: their charges go to our balance (default true). */
  rollupBilling?: boolean;
}

export interface ManagedAccountCreated {
  telnyxAccountId: string;
  apiKey: string;
}

export interface TelnyxResourceRef {
  id: string;
}

export interface TelnyxTelephonyCredential {
  id: string;
  name: string;
  sipUsername: string;
  sipPassword: string;
}

export interface TelnyxPhoneNumber {
  id: string;
  phoneNumber: string;
  connectionId: string | null;
}

/** What provisioning does inside one managed account. */
export interface AccountTelnyx {
  findOutboundVoiceProfileByTag(tag: string, nameHint: string): Promise<TelnyxResourceRef | undefined>;
  createOutboundVoiceProfile(body: OutboundVoiceProfileCreateParams): Promise<TelnyxResourceRef>;
  findTexmlApplicationByTag(tag: string, nameHint: string): Promise<TelnyxResourceRef | undefined>;
  createTexmlApplication(body: TexmlApplicationCreateParams): Promise<TelnyxResourceRef>;
  findCredentialConnectionByTag(tag: string, nameHint: string): Promise<TelnyxResourceRef | undefined>;
  createCredentialConnection(body: CredentialConnectionCreateParams): Promise<TelnyxResourceRef>;
  /** Telephony credentials carry one `tag`, not a list: find by tag, then by exact name. */
  findTelephonyCredential(tag: string, name: string): Promise<TelnyxTelephonyCredential | undefined>;
  createTelephonyCredential(body: TelephonyCredentialCreateParams): Promise<TelnyxTelephonyCredential>;
  /** Deletes a SIP login; one that is already gone counts as deleted (safe to repeat). */
  deleteTelephonyCredential(credentialId: string): Promise<void>;
  listPhoneNumbers(): Promise<TelnyxPhoneNumber[]>;
  attachPhoneNumber(phoneNumberId: string, connectionId: string): Promise<void>;
  /** PATCHes a credential connection's `sip_uri_calling_preference` (idempotent). */
  setSipUriCallingPreference(connectionId: string, preference: SipUriCallingPreference): Promise<void>;
}

export type SipUriCallingPreference = 'disabled' | 'unrestricted' | 'internal';

export interface TelnyxGateway {
  createManagedAccount(businessName: string): Promise<ManagedAccountCreated>;
  /** Provisioning inside the managed account whose key is given. */
  forAccount(apiKey: string): AccountTelnyx;
  /** Searching, ordering and releasing numbers inside the managed account whose key is given. */
  numbersFor(apiKey: string): NumbersTelnyx;
  /** A fresh WebRTC login token for one of the account's telephony credentials. */
  createTelephonyToken(apiKey: string, credentialId: string): Promise<TelephonyToken>;
}

const ONCE = { maxRetries: 0 } as const;

const hasTag = (tags: unknown, tag: string): boolean => Array.isArray(tags) && tags.includes(tag);

async function firstMatch<T>(items: AsyncIterable<T>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of items) if (match(item)) return item;
  return undefined;
}

function toCredential(data: Telnyx.TelephonyCredential | undefined): TelnyxTelephonyCredential {
  if (!data?.id || !data.sip_username || !data.sip_password)
    throw new Error('Telnyx returned an incomplete telephony credential');
  return { id: data.id, name: data.name ?? '', sipUsername: data.sip_username, sipPassword: data.sip_password };
}

function requireId(data: { id?: string | null } | undefined, what: string): TelnyxResourceRef {
  if (!data?.id) throw new Error(`Telnyx returned ${what} without an id`);
  return { id: String(data.id) };
}

export function accountTelnyx(client: Telnyx): AccountTelnyx {
  return {
    findOutboundVoiceProfileByTag: (tag, nameHint) =>
      callTelnyx(async () => {
        const found = await firstMatch(
          client.outboundVoiceProfiles.list({ filter: { name: { contains: nameHint } } }),
          (p) => hasTag(p.tags, tag),
        );
        return found ? requireId(found, 'an outbound voice profile') : undefined;
      }),
    createOutboundVoiceProfile: (body) =>
      callTelnyx(async () =>
        requireId((await client.outboundVoiceProfiles.create(body, ONCE)).data, 'an outbound voice profile'),
      ),
    findTexmlApplicationByTag: (tag, nameHint) =>
      callTelnyx(async () => {
        const found = await firstMatch(client.texmlApplications.list({ filter: { friendly_name: nameHint } }), (a) =>
          hasTag(a.tags, tag),
        );
        return found ? requireId(found, 'a TeXML application') : undefined;
      }),
    createTexmlApplication: (body) =>
      callTelnyx(async () =>
        requireId((await client.texmlApplications.create(body, ONCE)).data, 'a TeXML application'),
      ),
    findCredentialConnectionByTag: (tag, nameHint) =>
      callTelnyx(async () => {
        const found = await firstMatch(
          client.credentialConnections.list({ filter: { connection_name: { contains: nameHint } } }),
          (c) => hasTag(c.tags, tag),
        );
        return found ? requireId(found, 'a credential connection') : undefined;
      }),
    createCredentialConnection: (body) =>
      callTelnyx(async () =>
        requireId((await client.credentialConnections.create(body, ONCE)).data, 'a credential connection'),
      ),
    findTelephonyCredential: (tag, name) =>
      callTelnyx(async () => {
        const found = await firstMatch(client.telephonyCredentials.list({ filter: { tag } }), (c) => c.name === name);
        return found ? toCredential(found) : undefined;
      }),
    createTelephonyCredential: (body) =>
      callTelnyx(async () => toCredential((await client.telephonyCredentials.create(body, ONCE)).data)),
    deleteTelephonyCredential: async (credentialId) => {
      try {
        // DELETE is idempotent, so the SDK may retry it.
        await callTelnyx(() => client.telephonyCredentials.delete(credentialId));
      } catch (error) {
        if (!(error instanceof TelnyxPermanentError && error.status === 404)) throw error;
      }
    },
    listPhoneNumbers: () =>
      callTelnyx(async () => {
        const numbers: TelnyxPhoneNumber[] = [];
        for await (const n of client.phoneNumbers.list()) {
          if (!n.id || !n.phone_number) continue;
          numbers.push({
            id: String(n.id),
            phoneNumber: n.phone_number,
            connectionId: n.connection_id ? String(n.connection_id) : null,
          });
        }
        return numbers;
      }),
    attachPhoneNumber: (phoneNumberId, connectionId) =>
      callTelnyx(async () => {
        await client.phoneNumbers.update(phoneNumberId, { connection_id: connectionId });
      }),
    setSipUriCallingPreference: (connectionId, preference) =>
      callTelnyx(async () => {
        await client.credentialConnections.update(connectionId, { sip_uri_calling_preference: preference });
      }),
  };
}

export function createTelnyxGateway(options: TelnyxGatewayOptions): TelnyxGateway {
  const root = new Telnyx({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs ?? 20_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    createManagedAccount: (businessName) =>
      callTelnyx(async () => {
        const body = { business_name: businessName, rollup_billing: options.rollupBilling ?? true };
        const data = (await root.managedAccounts.create(body, ONCE)).data;
        if (!data?.id || !data.api_key) throw new Error('Telnyx returned a managed account without id or API key');
        return { telnyxAccountId: data.id, apiKey: data.api_key };
      }),
    forAccount: (apiKey) => accountTelnyx(root.withOptions({ apiKey })),
    numbersFor: (apiKey) => numbersTelnyx(root.withOptions({ apiKey })),
    createTelephonyToken: (apiKey, credentialId) => createTelephonyToken(root.withOptions({ apiKey }), credentialId),
  };
}
