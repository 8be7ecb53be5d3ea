import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CallRefusalReason } from '@curbe-voice/contracts';
import type { AgentIdentity } from './routing-lookup';

/**
 * The telephony credential that placed a parked outbound call: the SIP username in its `From`
 * (`sip:{sip_username}@sip.telnyx.com`, or bare). Telnyx sets it from the credential the web phone
 * logged in with. A phone number there is a caller id someone chose, not an identity: null.
 */
export function callingSipUsername(from: string): string | null {
  const text = from.trim();
  const sip = /^sips?:([^@\s;]+)@/i.exec(text);
  let user = text;
  try {
    user = sip ? decodeURIComponent(sip[1]!) : text;
  } catch {
    return null;
  }
  if (/^\+?\d+$/.test(user)) return null;
  return /^[A-Za-z0-9._-]{1,100}$/.test(user) ? user : null;
}

/**
 * NANP numbers that cost the caller money beyond a normal call: 900 (premium-rate services) and
 * 976 exchanges (the older pay-per-call lines inside local area codes).
 */
export function isNanpPremiumRate(e164: string): boolean {
  const match = /^\+1(\d{3})(\d{3})\d{4}$/.exec(e164);
  if (!match) return false;
  return match[1] === '900' || match[2] === '976';
}

export type OutboundDecision =
  | { kind: 'dial'; destination: string; country: string; callerId: string }
  | { kind: 'refuse'; reason: CallRefusalReason; country: string | null; destination: string };

export interface OutboundFacts {
  agent: AgentIdentity | null;
  agentNumber: string | null;
  /** ISO countries the account may call; null when outbound calling is not set up. */
  allowedCountries: string[] | null;
  /** What the agent dialled (`To`). */
  to: string;
}

/**
 * Pure: whether an agent's outbound call may go out, and to which E.164 number. The destination is
 * read like a phone does: `+` and a country code, or a national number in the country of the
 * agent's own number; it must be a valid number of an allowed country.
 */
export function decideOutboundRoute(facts: OutboundFacts): OutboundDecision {
  const dialled = dialledText(facts.to);
  const refuse = (reason: CallRefusalReason, country: string | null = null): OutboundDecision => ({
    kind: 'refuse',
    reason,
    country,
    destination: dialled,
  });
  if (!facts.agent) return refuse('unknown_agent');
  if (!facts.agentNumber) return refuse('agent_without_number');
  if (!facts.allowedCountries) return refuse('calling_not_set_up');
  const homeCountry = parsePhoneNumberFromString(facts.agentNumber)?.country;
  const phone = parsePhoneNumberFromString(dialled, homeCountry);
  if (!phone || !phone.isValid()) return refuse('invalid_destination');
  if (isNanpPremiumRate(phone.number)) return refuse('premium_rate_destination', phone.country ?? null);
  const country = phone.country ?? null;
  if (!country || !facts.allowedCountries.includes(country)) return refuse('destination_not_allowed', country);
  return { kind: 'dial', destination: phone.number, country, callerId: facts.agentNumber };
}

/** `sip:+13125550101@sip.telnyx.com` → `+13125550101`; separators people type are dropped. */
function dialledText(to: string): string {
  const sip = /^sips?:([^@\s;]+)@/i.exec(to.trim());
  const text = sip ? decodedOrRaw(sip[1]!) : to.trim();
  return text.replace(/[\s().-]/g, '').slice(0, 40);
}

/** A bad `%` escape is the caller's typo, not our failure: it is dialled as typed (and then refused). */
function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
