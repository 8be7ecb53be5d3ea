import type { AccountEvent, AgentEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { activationDecider, ActivationRejected, decide, type ActivationCommand } from './activation-decider';
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

describe('activation decider', () => {
  it('walks the steps in order: profile, TeXML app, connection, one credential per agent, numbers', () => {
    let state = run(fold(registered), { type: 'RequestActivation', accountId: 'a1' }).state;
    expect(state.status).toBe('in_progress');
    expect(nextStep(state)).toEqual({ step: 'outbound_voice_profile' });
    state = run(state, {
      type: 'RecordOutboundVoiceProfile',
      data: {
        accountId: 'a1',
        outboundVoiceProfileId: 'ovp',
        name: 'n',
        dailySpendLimit: '25.00',
        whitelistedDestinations: ['US'],
        adopted: false,
      },
    }).state;
    expect(nextStep(state)).toEqual({ step: 'texml_application', outboundVoiceProfileId: 'ovp' });
    state = run(state, {
      type: 'RecordTexmlApplication',
      data: {
        accountId: 'a1',
        texmlApplicationId: 'app',
        friendlyName: 'n',
        voiceUrl: 'v',
        statusCallbackUrl: 's',
        outboundVoiceProfileId: 'ovp',
        adopted: false,
      },
    }).state;
    expect(nextStep(state).step).toBe('credential_connection');
    state = run(state, {
      type: 'RecordCredentialConnection',
      data: {
        accountId: 'a1',
        credentialConnectionId: 'conn',
        connectionName: 'n',
        webhookEventUrl: 'o',
        outboundVoiceProfileId: 'ovp',
        adopted: false,
        sipUriCallingPreference: 'internal',
      },
    }).state;
    // Only the agent gets a SIP identity, not the auditor.
    expect(nextStep(state)).toEqual({ step: 'agent_credentials', userId: 'u1', credentialConnectionId: 'conn' });
    expect(() => decide({ type: 'CompleteActivation' }, state)).toThrow(/every agent/);
    state = run(state, {
      type: 'RecordAgentCredential',
      data: {
        userId: 'u1',
        accountId: 'a1',
        credentialId: 'cred',
        connectionId: 'conn',
        sipUsername: 'sip1',
        sipPassword: sealed,
        adopted: false,
      },
    }).state;
    expect(nextStep(state)).toEqual({ step: 'number_attachment', texmlApplicationId: 'app' });
    expect(nextStep(state, true)).toEqual({ step: 'complete' });
    const completed = run(state, { type: 'CompleteActivation' });
    expect(completed.events).toEqual([{ type: 'ActivationCompleted', data: { accountId: 'a1', attempt: 1 } }]);
    expect(completed.state.status).toBe('completed');
  });

  it('rejects a second request while one is in progress, and a request for an unknown account', () => {
    const inProgress = run(fold(registered), { type: 'RequestActivation', accountId: 'a1' }).state;
    expect(() => decide({ type: 'RequestActivation', accountId: 'a1' }, inProgress)).toThrow(ActivationRejected);
    expect(() => decide({ type: 'RequestActivation', accountId: 'a1' }, initialActivationState())).toThrow(
      /not registered/,
    );
  });

  it('records a failure with its step and lets a later request retry from where it stopped', () => {
    let state = run(fold(registered), { type: 'RequestActivation', accountId: 'a1' }).state;
    state = run(state, {
      type: 'RecordOutboundVoiceProfile',
      data: {
        accountId: 'a1',
        outboundVoiceProfileId: 'ovp',
        name: 'n',
        dailySpendLimit: '25.00',
        whitelistedDestinations: [],
        adopted: false,
      },
    }).state;
    const failed = run(state, {
      type: 'FailActivation',
      step: 'texml_application',
      status: 422,
      errors: [{ code: '10015', detail: 'bad voice_url' }],
      message: 'Telnyx 422',
      transient: false,
    });
    expect(failed.events[0]).toMatchObject({
      type: 'ActivationFailed',
      data: { step: 'texml_application', status: 422, attempt: 1 },
    });
    expect(failed.state.status).toBe('failed');
    const retried = run(failed.state, { type: 'RequestActivation', accountId: 'a1' });
    expect(retried.events).toEqual([{ type: 'ActivationRequested', data: { accountId: 'a1', attempt: 2 } }]);
    expect(nextStep(retried.state).step).toBe('texml_application');
  });

  it('does not record the same resource twice and refuses steps outside an activation', () => {
    const data = {
      accountId: 'a1',
      outboundVoiceProfileId: 'ovp',
      name: 'n',
      dailySpendLimit: '25.00',
      whitelistedDestinations: [],
      adopted: true,
    };
    expect(() => decide({ type: 'RecordOutboundVoiceProfile', data }, fold(registered))).toThrow(/No activation/);
    const state = run(run(fold(registered), { type: 'RequestActivation', accountId: 'a1' }).state, {
      type: 'RecordOutboundVoiceProfile',
      data,
    }).state;
    expect(
      decide({ type: 'RecordOutboundVoiceProfile', data: { ...data, outboundVoiceProfileId: 'other' } }, state),
    ).toEqual([]);
  });

  it('lets an active account run again only when an agent was added since', () => {
    const active = fold([
      ...registered,
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 1 } },
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
      { type: 'ActivationCompleted', data: { accountId: 'a1', attempt: 1 } },
    ]);
    expect(() => decide({ type: 'RequestActivation', accountId: 'a1' }, active)).toThrow(/already active/);
    const withNewAgent = evolve(active, {
      type: 'AgentAdded',
      data: { accountId: 'a1', userId: 'u3', email: 'cy@x.test', displayName: 'Cy', role: 'agent' },
    });
    expect(decide({ type: 'RequestActivation', accountId: 'a1' }, withNewAgent)).toEqual([
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 2 } },
    ]);

    // The auditor made agent needs a SIP identity too; made auditor again, they no longer do.
    const roleChange = (role: 'agent' | 'auditor', previousRole: 'agent' | 'auditor'): AccountEvent => ({
      type: 'MemberRoleChanged',
      data: { accountId: 'a1', userId: 'u2', role, previousRole, credentialId: null },
    });
    const auditorMadeAgent = evolve(active, roleChange('agent', 'auditor'));
    expect(auditorMadeAgent.agentIds).toEqual(['u1', 'u2']);
    expect(decide({ type: 'RequestActivation', accountId: 'a1' }, auditorMadeAgent)).toEqual([
      { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 2 } },
    ]);
    const back = evolve(auditorMadeAgent, roleChange('auditor', 'agent'));
    expect(() => decide({ type: 'RequestActivation', accountId: 'a1' }, back)).toThrow(/already active/);
  });
});

describe('activation decider, given / when / then', () => {
  const spec = deciderSpecification(activationDecider);
  const requested: AccountEvent = { type: 'ActivationRequested', data: { accountId: 'a1', attempt: 1 } };
  const profile = {
    accountId: 'a1',
    outboundVoiceProfileId: 'ovp',
    name: 'n',
    dailySpendLimit: '25.00',
    whitelistedDestinations: ['US'],
    adopted: false,
  };
  const credential = {
    userId: 'u1',
    accountId: 'a1',
    credentialId: 'c',
    connectionId: 'conn',
    sipUsername: 's',
    sipPassword: sealed,
    adopted: false,
  };

  it('claims an activation for a registered account, numbering the attempts', () => {
    spec.given(registered).when({ type: 'RequestActivation', accountId: 'a1' }).then([requested]);
    spec.given([]).when({ type: 'RequestActivation', accountId: 'a1' }).thenThrows({ reason: 'not_registered' });
    spec
      .given([...registered, requested])
      .when({ type: 'RequestActivation', accountId: 'a1' })
      .thenThrows({ reason: 'already_in_progress' });
  });

  it('records each resource once, and only during an activation', () => {
    spec
      .given([...registered, requested])
      .when({ type: 'RecordOutboundVoiceProfile', data: profile })
      .then([{ type: 'OutboundVoiceProfileCreated', data: profile }]);
    spec
      .given([...registered, requested, { type: 'OutboundVoiceProfileCreated', data: profile }])
      .when({ type: 'RecordOutboundVoiceProfile', data: { ...profile, outboundVoiceProfileId: 'other' } })
      .thenNothing();
    spec
      .given(registered)
      .when({ type: 'RecordAgentCredential', data: credential })
      .thenThrows({ reason: 'not_in_progress' });
    spec
      .given([...registered, requested, { type: 'TelephonyCredentialCreated', data: credential }])
      .when({ type: 'RecordAgentCredential', data: { ...credential, credentialId: 'c2' } })
      .thenNothing();
  });

  it('records a number attached once per connection', () => {
    const attached = { accountId: 'a1', phoneNumberId: 'pn', phoneNumber: '+13125550101', connectionId: 'app' };
    const given = [...registered, requested, { type: 'NumberAttached', data: attached } as const];
    spec.given(given).when({ type: 'RecordNumberAttached', data: attached }).thenNothing();
    spec
      .given(given)
      .when({ type: 'RecordNumberAttached', data: { ...attached, connectionId: 'app-2' } })
      .then([{ type: 'NumberAttached', data: { ...attached, connectionId: 'app-2' } }]);
  });

  it('does not complete before the resources exist, and records a failure with its step', () => {
    spec
      .given([...registered, requested])
      .when({ type: 'CompleteActivation' })
      .thenThrows(/Telnyx resources exist/);
    spec
      .given([...registered, requested])
      .when({
        type: 'FailActivation',
        step: 'outbound_voice_profile',
        errors: [],
        message: 'Telnyx 503',
        transient: true,
      })
      .then([
        {
          type: 'ActivationFailed',
          data: {
            accountId: 'a1',
            attempt: 1,
            step: 'outbound_voice_profile',
            errors: [],
            message: 'Telnyx 503',
            transient: true,
          },
        },
      ]);
  });
});
