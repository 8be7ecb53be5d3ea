import type { AccountEvent, ActivationStep, AgentEvent, SealedSecret } from '@curbe-voice/contracts';

/**
 * What the activation process knows about one account, folded from its `account-{id}` stream and the
 * `agent-{id}` streams of its agents. Pure: no I/O, no clock.
 */
export type ActivationStatus = 'not_requested' | 'in_progress' | 'completed' | 'failed';

export interface ActivationFailure {
  step: ActivationStep;
  status?: number | undefined;
  message: string;
  transient: boolean;
}

export interface AgentCredential {
  credentialId: string;
  sipUsername: string;
  sipPassword: SealedSecret;
}

export interface ActivationState {
  accountId: string | null;
  registered: boolean;
  status: ActivationStatus;
  attempt: number;
  /** Members with the agent role, in the order they were added (auditors get no SIP identity). */
  agentIds: string[];
  outboundVoiceProfileId: string | null;
  texmlApplicationId: string | null;
  credentialConnectionId: string | null;
  /** What we know the web phone connection's SIP URI calling is; null until we set it or saw it set. */
  sipUriCallingPreference: string | null;
  credentials: Record<string, AgentCredential>;
  /** phone number id → the connection it was attached to. */
  attachedNumbers: Record<string, string>;
  lastFailure: ActivationFailure | null;
}

export const initialActivationState = (): ActivationState => ({
  accountId: null,
  registered: false,
  status: 'not_requested',
  attempt: 0,
  agentIds: [],
  outboundVoiceProfileId: null,
  texmlApplicationId: null,
  credentialConnectionId: null,
  sipUriCallingPreference: null,
  credentials: {},
  attachedNumbers: {},
  lastFailure: null,
});

function withoutAgent(state: ActivationState, userId: string): ActivationState {
  const { [userId]: _gone, ...credentials } = state.credentials;
  return { ...state, agentIds: state.agentIds.filter((id) => id !== userId), credentials };
}

export function evolve(state: ActivationState, event: AccountEvent | AgentEvent): ActivationState {
  switch (event.type) {
    case 'AccountRegistered':
      return { ...state, accountId: event.data.accountId, registered: true };
    case 'AgentAdded':
      return event.data.role === 'agent' && !state.agentIds.includes(event.data.userId)
        ? { ...state, agentIds: [...state.agentIds, event.data.userId] }
        : state;
    case 'AgentRemoved':
      // A removed agent gets no SIP identity from a later run.
      return withoutAgent(state, event.data.userId);
    case 'MemberRoleChanged': {
      const { userId, role } = event.data;
      // A member who becomes an agent needs a SIP identity (theirs from before, when they had one).
      if (role === 'agent')
        return state.agentIds.includes(userId) ? state : { ...state, agentIds: [...state.agentIds, userId] };
      return withoutAgent(state, userId);
    }
    case 'MemberDisabled':
    case 'MemberEnabled':
    case 'WebhookPublicKeyAdded':
    case 'WebhookPublicKeyRetired':
      return state;
    case 'ActivationRequested':
      return { ...state, status: 'in_progress', attempt: event.data.attempt, lastFailure: null };
    case 'OutboundVoiceProfileCreated':
      return { ...state, outboundVoiceProfileId: event.data.outboundVoiceProfileId };
    case 'TexmlApplicationCreated':
      return { ...state, texmlApplicationId: event.data.texmlApplicationId };
    case 'CredentialConnectionCreated':
      return {
        ...state,
        credentialConnectionId: event.data.credentialConnectionId,
        sipUriCallingPreference: event.data.sipUriCallingPreference ?? null,
      };
    case 'SipUriCallingPreferenceSet':
      return { ...state, sipUriCallingPreference: event.data.sipUriCallingPreference };
    case 'TelephonyCredentialCreated':
      return {
        ...state,
        credentials: {
          ...state.credentials,
          [event.data.userId]: {
            credentialId: event.data.credentialId,
            sipUsername: event.data.sipUsername,
            sipPassword: event.data.sipPassword,
          },
        },
      };
    case 'NumberAttached':
      return {
        ...state,
        attachedNumbers: { ...state.attachedNumbers, [event.data.phoneNumberId]: event.data.connectionId },
      };
    case 'ActivationCompleted':
      return { ...state, status: 'completed' };
    case 'ActivationFailed':
      return {
        ...state,
        status: 'failed',
        lastFailure: {
          step: event.data.step,
          status: event.data.status,
          message: event.data.message,
          transient: event.data.transient,
        },
      };
  }
}

/**
 * Agents are rung at `sip:{sip_username}@sip.telnyx.com` from the account's own TeXML application:
 * Telnyx lets that through only when the connection's SIP URI calling is `internal`.
 */
export const SIP_URI_CALLING = 'internal';

/** A connection adopted, or created before we set the field, keeps Telnyx's default (`disabled`). */
export const needsSipUriCalling = (state: ActivationState): boolean =>
  state.credentialConnectionId !== null && state.sipUriCallingPreference !== SIP_URI_CALLING;

/** The next thing the process must do, or `complete` when every resource exists. */
export type NextStep =
  | { step: 'outbound_voice_profile' }
  | { step: 'texml_application'; outboundVoiceProfileId: string }
  /** `existingConnectionId`: the connection exists but its SIP URI calling must still be set. */
  | { step: 'credential_connection'; outboundVoiceProfileId: string; existingConnectionId: string | null }
  | { step: 'agent_credentials'; userId: string; credentialConnectionId: string }
  | { step: 'number_attachment'; texmlApplicationId: string }
  | { step: 'complete' };

/**
 * Numbers are Telnyx's to list (the account may own numbers ordered elsewhere), so the plan cannot
 * know whether all are attached: after the agents it always asks for `number_attachment`, and the
 * runner reports completion once that step found nothing left to attach.
 */
export function nextStep(state: ActivationState, numbersDone = false): NextStep {
  if (!state.outboundVoiceProfileId) return { step: 'outbound_voice_profile' };
  const outboundVoiceProfileId = state.outboundVoiceProfileId;
  if (!state.texmlApplicationId) return { step: 'texml_application', outboundVoiceProfileId };
  if (!state.credentialConnectionId)
    return { step: 'credential_connection', outboundVoiceProfileId, existingConnectionId: null };
  if (needsSipUriCalling(state))
    return {
      step: 'credential_connection',
      outboundVoiceProfileId,
      existingConnectionId: state.credentialConnectionId,
    };
  const missing = state.agentIds.find((id) => !state.credentials[id]);
  if (missing)
    return { step: 'agent_credentials', userId: missing, credentialConnectionId: state.credentialConnectionId };
  if (!numbersDone) return { step: 'number_attachment', texmlApplicationId: state.texmlApplicationId };
  return { step: 'complete' };
}
