import type { AccountEvent } from '@curbe-voice/contracts';
import { describe, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { accountDecider, AccountRejected } from './account-decider';

const spec = deciderSpecification(accountDecider);
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };
const registration = { accountId: 'a1', name: 'Acme', telnyxAccountId: 't1', apiKey: sealed };
const registered: AccountEvent = { type: 'AccountRegistered', data: registration };
const anaAdded: AccountEvent = {
  type: 'AgentAdded',
  data: { accountId: 'a1', userId: 'ana', email: 'ana@acme.test', displayName: 'Ana', role: 'agent' },
};
const addMember = (member: Partial<{ userId: string; email: string; displayName: string }> = {}) =>
  ({
    type: 'AddMember',
    member: { userId: 'ana', email: 'ana@acme.test', displayName: 'Ana', role: 'agent', ...member },
  }) as const;

describe('account decider', () => {
  it('registers an account once, with its name trimmed', () => {
    spec
      .given([])
      .when({ type: 'RegisterAccount', data: { ...registration, name: '  Acme ' } })
      .then([registered]);
    spec
      .given([registered])
      .when({ type: 'RegisterAccount', data: registration })
      .thenThrows({ reason: 'already_registered' });
    spec
      .given([])
      .when({ type: 'RegisterAccount', data: { ...registration, name: '  ' } })
      .thenThrows({ reason: 'invalid' });
  });

  it('registers a new agency with its first admin in one decision, or not at all', () => {
    const olga = { userId: 'olga', email: ' Olga@Acme.test ', displayName: ' Olga ', role: 'admin' } as const;
    spec
      .given([])
      .when({ type: 'RegisterAccount', data: registration, admin: olga })
      .then([
        registered,
        {
          type: 'AgentAdded',
          data: { accountId: 'a1', userId: 'olga', email: 'olga@acme.test', displayName: 'Olga', role: 'admin' },
        },
      ]);
    spec
      .given([])
      .when({ type: 'RegisterAccount', data: registration, admin: { ...olga, email: 'not-an-email' } })
      .thenThrows({ reason: 'invalid' });
  });

  it('adds a member with the email normalised and the display name trimmed', () => {
    spec
      .given([registered])
      .when(addMember({ email: ' Ana@Acme.TEST ', displayName: ' Ana ' }))
      .then([anaAdded]);
  });

  it('refuses a member of an unknown account, a taken email, a malformed email, a blank name and a known user', () => {
    spec.given([]).when(addMember()).thenThrows({ reason: 'not_found' });
    spec
      .given([registered, anaAdded])
      .when(addMember({ userId: 'ana-2', email: 'ANA@acme.test' }))
      .thenThrows({ reason: 'email_taken' });
    spec
      .given([registered])
      .when(addMember({ email: 'nope' }))
      .thenThrows(AccountRejected);
    spec
      .given([registered])
      .when(addMember({ displayName: ' ' }))
      .thenThrows({ reason: 'invalid' });
    spec
      .given([registered, anaAdded])
      .when(addMember({ email: 'other@acme.test' }))
      .thenThrows({ reason: 'invalid' });
  });

  it('lets the email of a removed member be used again', () => {
    const removed: AccountEvent = {
      type: 'AgentRemoved',
      data: { accountId: 'a1', userId: 'ana', email: 'ana@acme.test', credentialId: null, secretsShredded: true },
    };
    spec
      .given([registered, anaAdded, removed])
      .when(addMember({ userId: 'ana-2' }))
      .then([{ ...anaAdded, data: { ...anaAdded.data, userId: 'ana-2' } }]);
  });
});
