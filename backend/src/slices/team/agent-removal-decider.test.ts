import type { AccountEvent } from '@curbe-voice/contracts';
import { describe, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { agentRemovalDecider, type RemoveAgent } from './agent-removal-decider';
import { AgentRemovalRejected } from './removal-policy';

const spec = deciderSpecification(agentRemovalDecider);
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };
const account: AccountEvent[] = [
  { type: 'AccountRegistered', data: { accountId: 'a1', name: 'Demo', telnyxAccountId: 't1', apiKey: sealed } },
  {
    type: 'AgentAdded',
    data: { accountId: 'a1', userId: 'ana', email: 'ana@x.test', displayName: 'Ana', role: 'agent' },
  },
  {
    type: 'AgentAdded',
    data: { accountId: 'a1', userId: 'ben', email: 'ben@x.test', displayName: 'Ben', role: 'agent' },
  },
  {
    type: 'AgentAdded',
    data: { accountId: 'a1', userId: 'aud', email: 'aud@x.test', displayName: 'Aud', role: 'auditor' },
  },
];
const removeBen = (overrides: Partial<RemoveAgent> = {}): RemoveAgent => ({
  type: 'RemoveAgent',
  agentId: 'ben',
  removedBy: 'ana',
  heldNumbers: [],
  credential: { credentialId: 'cred-ben', sipUsername: 'sip-ben', sipPassword: sealed },
  secretsShredded: true,
  ...overrides,
});

describe('agent removal decider', () => {
  it('records the removal with the credential to delete and whether the secrets were shredded', () => {
    spec
      .given(account)
      .when(removeBen())
      .then([
        {
          type: 'AgentRemoved',
          data: {
            accountId: 'a1',
            userId: 'ben',
            email: 'ben@x.test',
            credentialId: 'cred-ben',
            secretsShredded: true,
          },
        },
      ]);
    spec
      .given(account)
      .when(removeBen({ credential: null }))
      .then([
        {
          type: 'AgentRemoved',
          data: { accountId: 'a1', userId: 'ben', email: 'ben@x.test', credentialId: null, secretsShredded: true },
        },
      ]);
  });

  it('refuses an unknown account, a member who is not an agent, and an agent removing themselves', () => {
    spec.given([]).when(removeBen()).thenThrows({ reason: 'no_account' });
    spec
      .given(account)
      .when(removeBen({ agentId: 'aud' }))
      .thenThrows({ reason: 'not_an_agent' });
    spec
      .given(account)
      .when(removeBen({ removedBy: 'ben' }))
      .thenThrows({ reason: 'self_removal' });
  });

  it('refuses an agent who still holds numbers, naming them, and one already removed', () => {
    spec
      .given(account)
      .when(removeBen({ heldNumbers: ['+13125550101'] }))
      .thenThrows({ reason: 'holds_numbers', numbers: ['+13125550101'] });
    const removed: AccountEvent = {
      type: 'AgentRemoved',
      data: { accountId: 'a1', userId: 'ben', email: 'ben@x.test', credentialId: 'cred-ben', secretsShredded: true },
    };
    spec
      .given([...account, removed])
      .when(removeBen())
      .thenThrows(AgentRemovalRejected);
  });
});
