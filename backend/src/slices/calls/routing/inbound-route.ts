import type { VoicemailReason } from '@curbe-voice/contracts';
import type { RoutingEntry } from '@curbe-voice/projections/read-models/routing';

export type InboundDecision =
  | { kind: 'dial_agent'; accountId: string; agentId: string; sipUri: string }
  | { kind: 'voicemail'; accountId: string; agentId: string | null; reason: VoicemailReason }
  | { kind: 'refuse'; reason: 'unknown_number' };

/** How a WebRTC agent registered with a telephony credential is reached (TeXML has no `<Client>`). */
export const agentSipUri = (sipUsername: string): string => `sip:${sipUsername}@sip.telnyx.com`;

/**
 * Pure: where an inbound call to a number goes. The agent's web phone when the number is assigned
 * and the agent has a SIP identity and is not disabled; voicemail when the number is ours but nobody
 * can take the call; refused when the number is not one we hold.
 */
export function decideInboundRoute(entry: RoutingEntry | null): InboundDecision {
  if (!entry) return { kind: 'refuse', reason: 'unknown_number' };
  if (!entry.agentId)
    return { kind: 'voicemail', accountId: entry.accountId, agentId: null, reason: 'unassigned_number' };
  if (entry.agentDisabled)
    return { kind: 'voicemail', accountId: entry.accountId, agentId: entry.agentId, reason: 'agent_disabled' };
  if (!entry.sipUsername)
    return {
      kind: 'voicemail',
      accountId: entry.accountId,
      agentId: entry.agentId,
      reason: 'agent_without_credential',
    };
  return {
    kind: 'dial_agent',
    accountId: entry.accountId,
    agentId: entry.agentId,
    sipUri: agentSipUri(entry.sipUsername),
  };
}
