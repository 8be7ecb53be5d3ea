import { agentStreamName, isAgentEventType, type AgentEvent } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';

/** The agent's telephony credential at Telnyx: which one to ask tokens for, and the SIP user it logs in as. */
export interface AgentCredential {
  accountId: string;
  credentialId: string;
  sipUsername: string;
}

/**
 * Folded from `agent-{userId}` rather than read from a read model: right after activation the agent
 * wants to go on line, and the stream already knows what a projection may not have caught up with.
 * The sealed SIP password on the same event is never opened here.
 */
export async function loadAgentCredential(store: EventStore, userId: string): Promise<AgentCredential | null> {
  const recorded = await store.readStream(agentStreamName(userId));
  return recorded
    .filter((e) => isAgentEventType(e.type))
    .map((e) => ({ type: e.type, data: e.data }) as AgentEvent)
    .reduce<AgentCredential | null>((credential, event) => {
      if (event.type !== 'TelephonyCredentialCreated') return credential;
      const { accountId, credentialId, sipUsername } = event.data;
      return { accountId, credentialId, sipUsername };
    }, null);
}
