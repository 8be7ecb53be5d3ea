import type { AccountEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { memberRemovalDecider, type RemoveMember } from './member-removal-decider';
import { TeamChangeRejected } from './team-rules';

const spec = deciderSpecification(memberRemovalDecider);
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };
const added = (userId: string, role: 'admin' | 'agent' | 'auditor'): AccountEvent => ({
  type: 'AgentAdded',
  data: { accountId: 'a1', userId, email: `${userId}@x.test`, displayName: userId.toUpperCase(), role },
});
const account: AccountEvent[] = [
  { type: 'AccountRegistered', data: { accountId: 'a1', name: 'Demo', telnyxAccountId: 't1', apiKey: sealed } },
  added('ada', 'admin'),
  added('ana', 'agent'),
  added('ben', 'agent'),
  added('aud', 'auditor'),
];
const remove = (overrides: Partial<RemoveMember> = {}): RemoveMember => ({
  type: 'RemoveMember',
  userId: 'ben',
  removedBy: 'ada',
  agentsOnly: false,
  heldNumbers: [],
  credential: { credentialId: 'cred-ben', sipUsername: 'sip-ben', sipPassword: sealed },
  secretsShredded: true,
  ...overrides,
});
const removed = (userId: string, role: 'admin' | 'agent' | 'auditor', credentialId: string | null): AccountEvent => ({
  type: 'AgentRemoved',
  data: { accountId: 'a1', userId, email: `${userId}@x.test`, credentialId, secretsShredded: true, role },
});

describe('member removal decider', () => {
  it('records the removal with the credential to delete, whether the secrets were shredded, and the role', () => {
    spec
      .given(account)
      .when(remove())
      .then([removed('ben', 'agent', 'cred-ben')]);
    spec
      .given(account)
      .when(remove({ credential: null }))
      .then([removed('ben', 'agent', null)]);
  });

  it('removes auditors and admins too, who have no phone line', () => {
    spec
      .given(account)
      .when(remove({ userId: 'aud', credential: null }))
      .then([removed('aud', 'auditor', null)]);
    spec
      .given([...account, added('adam', 'admin')])
      .when(remove({ userId: 'adam', credential: null }))
      .then([removed('adam', 'admin', null)]);
  });

  it('refuses an unknown account or member, oneself, and on the agents route a member who is not an agent', () => {
    spec.given([]).when(remove()).thenThrows({ reason: 'no_account' });
    spec
      .given(account)
      .when(remove({ userId: 'nobody' }))
      .thenThrows({ reason: 'not_a_member' });
    spec
      .given(account)
      .when(remove({ removedBy: 'ben' }))
      .thenThrows({ reason: 'self' });
    spec
      .given(account)
      .when(remove({ userId: 'aud', agentsOnly: true }))
      .thenThrows({ reason: 'not_an_agent' });
    spec
      .given(account)
      .when(remove({ userId: 'ada', removedBy: 'ada', agentsOnly: true }))
      .thenThrows({ reason: 'not_an_agent' });
  });

  it('never removes the last active admin', () => {
    const adaDisabled: AccountEvent = { type: 'MemberDisabled', data: { accountId: 'a1', userId: 'ada' } };
    spec
      .given([...account, added('adam', 'admin'), adaDisabled])
      .when(remove({ userId: 'adam', removedBy: 'ana', credential: null }))
      .thenThrows({ reason: 'last_admin', message: expect.stringContaining('last active admin') as unknown });
  });

  it('refuses a member who still holds numbers, naming them, and one already removed', () => {
    spec
      .given(account)
      .when(remove({ heldNumbers: ['+13125550101'] }))
      .thenThrows({ reason: 'holds_numbers', numbers: ['+13125550101'] });
    spec
      .given([...account, removed('ben', 'agent', 'cred-ben')])
      .when(remove())
      .thenThrows(TeamChangeRejected);
  });
});
