import {
  isAccountEventType,
  isAgentEventType,
  type AccountEvent,
  type AccountEventData,
  type ActivationStep,
  type AgentEvent,
  type TelnyxErrorDetail,
} from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { evolve, initialActivationState, needsSipUriCalling, type ActivationState } from './activation-state';

/**
 * The activation's rules: which facts may be recorded given what is already known. Pure; the
 * service does the Telnyx calls and appends what `decide` returns.
 */
export type ActivationCommand =
  | { type: 'RequestActivation'; accountId: string }
  | { type: 'RecordOutboundVoiceProfile'; data: AccountEventData<'OutboundVoiceProfileCreated'> }
  | { type: 'RecordTexmlApplication'; data: AccountEventData<'TexmlApplicationCreated'> }
  | { type: 'RecordCredentialConnection'; data: AccountEventData<'CredentialConnectionCreated'> }
  | { type: 'RecordSipUriCallingPreference'; data: AccountEventData<'SipUriCallingPreferenceSet'> }
  | { type: 'RecordAgentCredential'; data: Extract<AgentEvent, { type: 'TelephonyCredentialCreated' }>['data'] }
  | { type: 'RecordNumberAttached'; data: AccountEventData<'NumberAttached'> }
  | { type: 'CompleteActivation' }
  | {
      type: 'FailActivation';
      step: ActivationStep;
      status?: number | undefined;
      errors: TelnyxErrorDetail[];
      message: string;
      transient: boolean;
    };

export type ActivationRejection = 'not_registered' | 'already_in_progress' | 'already_active' | 'not_in_progress';

export class ActivationRejected extends Error {
  override readonly name = 'ActivationRejected';
  constructor(readonly reason: ActivationRejection) {
    super(
      {
        not_registered: 'The account is not registered',
        already_in_progress: 'Activation is already in progress',
        already_active: 'The account is already active',
        not_in_progress: 'No activation is in progress',
      }[reason],
    );
  }
}

function requireInProgress(state: ActivationState): string {
  if (!state.registered || !state.accountId) throw new ActivationRejected('not_registered');
  if (state.status !== 'in_progress') throw new ActivationRejected('not_in_progress');
  return state.accountId;
}

export function decide(command: ActivationCommand, state: ActivationState): (AccountEvent | AgentEvent)[] {
  if (command.type === 'RequestActivation') {
    if (!state.registered) throw new ActivationRejected('not_registered');
    if (state.status === 'in_progress') throw new ActivationRejected('already_in_progress');
    // An active account is activated again only to give agents added since then their SIP identity,
    // or to repair a web phone connection that cannot be rung by SIP URI.
    if (
      state.status === 'completed' &&
      state.agentIds.every((id) => state.credentials[id]) &&
      !needsSipUriCalling(state)
    ) {
      throw new ActivationRejected('already_active');
    }
    return [{ type: 'ActivationRequested', data: { accountId: command.accountId, attempt: state.attempt + 1 } }];
  }
  const accountId = requireInProgress(state);
  switch (command.type) {
    // A resource already recorded is not recorded twice (a retried step after a lost reply).
    case 'RecordOutboundVoiceProfile':
      return state.outboundVoiceProfileId ? [] : [{ type: 'OutboundVoiceProfileCreated', data: command.data }];
    case 'RecordTexmlApplication':
      return state.texmlApplicationId ? [] : [{ type: 'TexmlApplicationCreated', data: command.data }];
    case 'RecordCredentialConnection':
      return state.credentialConnectionId ? [] : [{ type: 'CredentialConnectionCreated', data: command.data }];
    case 'RecordSipUriCallingPreference':
      return state.sipUriCallingPreference === command.data.sipUriCallingPreference
        ? []
        : [{ type: 'SipUriCallingPreferenceSet', data: command.data }];
    case 'RecordAgentCredential':
      return state.credentials[command.data.userId] ? [] : [{ type: 'TelephonyCredentialCreated', data: command.data }];
    case 'RecordNumberAttached':
      return state.attachedNumbers[command.data.phoneNumberId] === command.data.connectionId
        ? []
        : [{ type: 'NumberAttached', data: command.data }];
    case 'CompleteActivation':
      if (!state.outboundVoiceProfileId || !state.texmlApplicationId || !state.credentialConnectionId)
        throw new Error('Activation cannot complete before its Telnyx resources exist');
      if (state.agentIds.some((id) => !state.credentials[id]))
        throw new Error('Activation cannot complete before every agent has a SIP credential');
      return [{ type: 'ActivationCompleted', data: { accountId, attempt: state.attempt } }];
    case 'FailActivation':
      return [
        {
          type: 'ActivationFailed',
          data: {
            accountId,
            attempt: state.attempt,
            step: command.step,
            ...(command.status === undefined ? {} : { status: command.status }),
            errors: command.errors,
            message: command.message,
            transient: command.transient,
          },
        },
      ];
  }
}

/** The activation's rules; its state is folded from the account stream and its agents' streams. */
export const activationDecider: Decider<ActivationCommand, ActivationState, AccountEvent | AgentEvent> = {
  decide,
  evolve,
  initialState: initialActivationState,
  knows: (type) => isAccountEventType(type) || isAgentEventType(type),
};
