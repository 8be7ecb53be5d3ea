import { randomBytes } from 'node:crypto';
import type {
  CredentialConnectionCreateParams,
  OutboundVoiceProfileCreateParams,
  TelephonyCredentialCreateParams,
  TexmlApplicationCreateParams,
} from 'telnyx/resources';
import { SIP_URI_CALLING } from './activation-state';

/**
 * The bodies of the provisioning requests (checked against Telnyx's OpenAPI spec) and the marks that
 * let a later run recognise a resource an earlier run created: the tag `curbe-account:{id}` on every
 * resource that takes a tag list, and a name that contains the account id (used to narrow listings).
 */

export const accountTag = (accountId: string): string => `curbe-account:${accountId}`;
export const resourceName = (accountId: string): string => `curbe-${accountId}`;
/** Telephony credentials take a single tag (the account's); the agent is told apart by the name. */
export const agentCredentialName = (userId: string): string => `curbe-agent-${userId}`;

export interface WebhookUrls {
  inbound: string;
  status: string;
  outbound: string;
  /** The TeXML application's `voice_fallback_url`: Telnyx asks it when `inbound` answered an error. */
  fallback: string;
}

export function webhookUrls(publicUrl: string): WebhookUrls {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    inbound: `${base}/webhooks/telnyx/inbound`,
    status: `${base}/webhooks/telnyx/status`,
    outbound: `${base}/webhooks/telnyx/outbound`,
    fallback: `${base}/webhooks/telnyx/fallback`,
  };
}

/** Spend cap, and calls to the United States only (Canada and the rest of NANP are other countries). */
export const DAILY_SPEND_LIMIT = '25.00';
export const WHITELISTED_DESTINATIONS = ['US'];

export function outboundVoiceProfileRequest(accountId: string): OutboundVoiceProfileCreateParams {
  return {
    name: resourceName(accountId),
    traffic_type: 'conversational',
    service_plan: 'global',
    daily_spend_limit: DAILY_SPEND_LIMIT,
    daily_spend_limit_enabled: true,
    whitelisted_destinations: WHITELISTED_DESTINATIONS,
    tags: [accountTag(accountId)],
  };
}

export function texmlApplicationRequest(
  accountId: string,
  urls: WebhookUrls,
  outboundVoiceProfileId: string,
): TexmlApplicationCreateParams {
  return {
    friendly_name: resourceName(accountId),
    voice_url: urls.inbound,
    voice_method: 'post',
    voice_fallback_url: urls.fallback,
    status_callback: urls.status,
    status_callback_method: 'post',
    outbound: { outbound_voice_profile_id: outboundVoiceProfileId },
    tags: [accountTag(accountId)],
  };
}

/**
 * The connection's own SIP login is never used (agents sign in with per-agent telephony
 * credentials), so it is random and not kept.
 */
export function credentialConnectionRequest(
  accountId: string,
  urls: WebhookUrls,
  outboundVoiceProfileId: string,
): CredentialConnectionCreateParams {
  return {
    connection_name: resourceName(accountId),
    // 4–32 alphanumeric characters.
    user_name: `curbe${randomBytes(13).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
    outbound: { call_parking_enabled: true, outbound_voice_profile_id: outboundVoiceProfileId },
    webhook_api_version: 'texml',
    webhook_event_url: urls.outbound,
    // Off by default at Telnyx; our TeXML application rings agents at sip:{sip_username}@sip.telnyx.com.
    sip_uri_calling_preference: SIP_URI_CALLING,
    tags: [accountTag(accountId)],
  };
}

export function telephonyCredentialRequest(
  accountId: string,
  userId: string,
  credentialConnectionId: string,
): TelephonyCredentialCreateParams {
  return { connection_id: credentialConnectionId, name: agentCredentialName(userId), tag: accountTag(accountId) };
}
