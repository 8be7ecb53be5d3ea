import {
  isAccountEventType,
  isAgentEventType,
  isNumberEventType,
  type AccountEvent,
  type AgentEvent,
  type NumberEvent,
} from '@curbe-voice/contracts';
import { evolveAccount, type AccountState } from '../accounts';
import { evolveNumber, type NumberState } from '../numbers';
import { evolveActivation, initialActivationState, type ActivationState } from '../activation';

/**
 * An account's telephony setup at one moment, as an auditor reads it. Rebuilt from events only, by
 * the same pure evolve functions the command side uses, so it is what the system believed then.
 * No secret is part of it: credentials appear by SIP username and Telnyx id.
 */
export interface AccountSetup {
  accountId: string;
  name: string;
  telnyxAccountId: string;
  activation: {
    status: ActivationState['status'];
    attempt: number;
    outboundVoiceProfileId: string | null;
    texmlApplicationId: string | null;
    credentialConnectionId: string | null;
    lastFailure: { step: string; message: string } | null;
  };
  agents: {
    userId: string;
    email: string;
    displayName: string;
    role: string;
    credentialId: string | null;
    sipUsername: string | null;
  }[];
  numbers: {
    phoneNumber: string;
    phoneNumberId: string | null;
    status: NumberState['status'];
    texmlApplicationId: string | null;
    agentId: string | null;
  }[];
}

export interface SetupEvent {
  streamName: string;
  type: string;
  data: unknown;
}

interface Fold {
  account: AccountState | null;
  activation: ActivationState;
  /** By phone number: numbers with their own stream. */
  numbers: Map<string, NumberState | null>;
  /** By phone number: numbers the activation attached (they may have been ordered outside Curbe). */
  attached: Map<string, { phoneNumberId: string; connectionId: string }>;
}

/** Folds the account's events (in global order) into its setup; null before the account existed. */
export function foldAccountSetup(events: readonly SetupEvent[]): AccountSetup | null {
  const fold: Fold = { account: null, activation: initialActivationState(), numbers: new Map(), attached: new Map() };
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data };
    if (isAccountEventType(event.type)) {
      const accountEvent = event as AccountEvent;
      fold.account = evolveAccount(fold.account, accountEvent);
      fold.activation = evolveActivation(fold.activation, accountEvent);
      if (accountEvent.type === 'NumberAttached') {
        const { phoneNumber, phoneNumberId, connectionId } = accountEvent.data;
        fold.attached.set(phoneNumber, { phoneNumberId, connectionId });
      }
    } else if (isAgentEventType(event.type)) {
      fold.activation = evolveActivation(fold.activation, event as AgentEvent);
    } else if (isNumberEventType(event.type)) {
      const numberEvent = event as NumberEvent;
      const phoneNumber = numberEvent.data.phoneNumber;
      fold.numbers.set(phoneNumber, evolveNumber(fold.numbers.get(phoneNumber) ?? null, numberEvent));
    }
  }
  return fold.account && toSetup(fold, fold.account);
}

function toSetup(fold: Fold, account: AccountState): AccountSetup {
  const { activation } = fold;
  const numbers: AccountSetup['numbers'] = [];
  for (const [phoneNumber, number] of fold.numbers) {
    if (!number) continue;
    // The activation may have attached a number ordered before it: that attachment counts too.
    const texmlApplicationId = number.texmlApplicationId ?? fold.attached.get(phoneNumber)?.connectionId ?? null;
    numbers.push({
      phoneNumber,
      phoneNumberId: number.phoneNumberId,
      status: number.status,
      texmlApplicationId,
      agentId: number.agentId,
    });
  }
  for (const [phoneNumber, { phoneNumberId, connectionId }] of fold.attached) {
    if (fold.numbers.has(phoneNumber)) continue;
    numbers.push({ phoneNumber, phoneNumberId, status: 'active', texmlApplicationId: connectionId, agentId: null });
  }
  numbers.sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
  return {
    accountId: account.accountId,
    name: account.name,
    telnyxAccountId: account.telnyxAccountId,
    activation: {
      status: activation.status,
      attempt: activation.attempt,
      outboundVoiceProfileId: activation.outboundVoiceProfileId,
      texmlApplicationId: activation.texmlApplicationId,
      credentialConnectionId: activation.credentialConnectionId,
      lastFailure: activation.lastFailure && {
        step: activation.lastFailure.step,
        message: activation.lastFailure.message,
      },
    },
    agents: account.members.map((member) => {
      const credential = activation.credentials[member.userId];
      return {
        userId: member.userId,
        email: member.email,
        displayName: member.displayName,
        role: member.role,
        credentialId: credential?.credentialId ?? null,
        sipUsername: credential?.sipUsername ?? null,
      };
    }),
    numbers,
  };
}
