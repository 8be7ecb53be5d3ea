import type { AccountEvent, AgentEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { decide, type ActivationCommand } from './activation-decider';
import { evolve, initialActivationState, nextStep, type ActivationState } from './activation-state';

const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };
const fold = (events: (AccountEvent | AgentEvent)[]) => events.reduce(evolve, initialActivationState());
const run = (state: ActivationState, command: ActivationCommand) => {
  const events = decide(command, state);
  return { events, state: events.reduce(evolve, state) };
};

const registered: (AccountEvent | AgentEvent)[] = [
  { type: 'AccountRegistered', data: { accountId: 'a1', name: 'Demo', telnyxAccountId: 't1', apiKey: sealed } },
  {
    type: 'AgentAdded',
    data: { accountId: 'a1', userId: 'u1', email: 'ana@x.test', displayName: 'Ana', role: 'agent' },
  },
  {
    type: 'AgentAdded',
    data: { accountId: 'a1', userId: 'u2', email: 'aud@x.test', displayName: 'Aud', role: 'auditor' },
  },
];

describe('activation decider, SIP URI calling of the web phone connection', () => {
  const connection = {
    accountId: 'a1',
    credentialConnectionId: 'conn',
    connectionName: 'n',
    webhookEventUrl: 'o',
    outboundVoiceProfileId: 'ovp',
  };
  const internal = { accountId: 'a1', credentialConnectionId: 'conn', sipUriCallingPreference: 'internal' };
  const withConnection = (data: AccountEvent & { type: 'CredentialConnectionCreated' }) =>
    fold([
      ...registered,
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 1 } },
      {
        type: 'OutboundVoiceProfileCreated',
        data: {
          accountId: 'a1',
          outboundVoiceProfileId: 'ovp',
          name: 'n',
          dailySpendLimit: '1',
          whitelistedDestinations: [],
          adopted: false,
        },
      },
      {
        type: 'TexmlApplicationCreated',
        data: {
          accountId: 'a1',
          texmlApplicationId: 'app',
          friendlyName: 'n',
          voiceUrl: 'v',
          statusCallbackUrl: 's',
          outboundVoiceProfileId: 'ovp',
          adopted: false,
        },
      },
      data,
    ]);

  it('sets it on an adopted connection before the agents, once', () => {
    const adopted = withConnection({ type: 'CredentialConnectionCreated', data: { ...connection, adopted: true } });
    expect(nextStep(adopted)).toEqual({
      step: 'credential_connection',
      outboundVoiceProfileId: 'ovp',
      existingConnectionId: 'conn',
    });
    const repaired = run(adopted, { type: 'RecordSipUriCallingPreference', data: internal });
    expect(repaired.events).toEqual([{ type: 'SipUriCallingPreferenceSet', data: internal }]);
    expect(nextStep(repaired.state)).toMatchObject({ step: 'agent_credentials', userId: 'u1' });
    // Recording it again after a crash-and-retry adds nothing.
    expect(decide({ type: 'RecordSipUriCallingPreference', data: internal }, repaired.state)).toEqual([]);
  });

  it('lets an active account whose connection predates the field run again to repair it', () => {
    const old = fold([
      ...withConnectionEvents(),
      { type: 'ActivationCompleted', data: { accountId: 'a1', attempt: 1 } },
    ]);
    expect(decide({ type: 'RequestActivation', accountId: 'a1' }, old)).toEqual([
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 2 } },
    ]);
    const repaired = evolve(old, { type: 'SipUriCallingPreferenceSet', data: internal });
    expect(() => decide({ type: 'RequestActivation', accountId: 'a1' }, repaired)).toThrow(/already active/);
  });

  function withConnectionEvents(): (AccountEvent | AgentEvent)[] {
    return [
      ...registered,
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 1 } },
      { type: 'CredentialConnectionCreated', data: { ...connection, adopted: false } },
      {
        type: 'TelephonyCredentialCreated',
        data: {
          userId: 'u1',
          accountId: 'a1',
          credentialId: 'c',
          connectionId: 'conn',
          sipUsername: 's',
          sipPassword: sealed,
          adopted: false,
        },
      },
    ];
  }
});
