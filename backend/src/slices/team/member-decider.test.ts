import type { AccountEvent } from '@curbe-voice/contracts';
import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../platform/event-sourcing/decider-specification';
import { memberDecider, type MemberCommand } from './member-decider';

const spec = deciderSpecification(memberDecider);
const sealed = { keyId: 'k1', iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' };
const added = (userId: string, role: 'admin' | 'agent' | 'auditor'): AccountEvent => ({
  type: 'AgentAdded',
  data: { accountId: 'a1', userId, email: `${userId}@x.test`, displayName: userId.toUpperCase(), role },
});
const account: AccountEvent[] = [
  { type: 'AccountRegistered', data: { accountId: 'a1', name: 'Demo', telnyxAccountId: 't1', apiKey: sealed } },
  added('ada', 'admin'),
  added('ana', 'agent'),
  added('aud', 'auditor'),
];
const disabled = (userId: string): AccountEvent => ({ type: 'MemberDisabled', data: { accountId: 'a1', userId } });
const enabled = (userId: string): AccountEvent => ({ type: 'MemberEnabled', data: { accountId: 'a1', userId } });
const changeRole = (overrides: Partial<Extract<MemberCommand, { type: 'ChangeMemberRole' }>> = {}): MemberCommand => ({
  type: 'ChangeMemberRole',
  userId: 'ana',
  role: 'auditor',
  by: 'ada',
  heldNumbers: [],
  credentialId: 'cred-ana',
  ...overrides,
});

describe('member decider', () => {
  describe('changing a role', () => {
    it('records the new role with the one before and the credential the member keeps', () => {
      spec
        .given(account)
        .when(changeRole())
        .then([
          {
            type: 'MemberRoleChanged',
            data: { accountId: 'a1', userId: 'ana', role: 'auditor', previousRole: 'agent', credentialId: 'cred-ana' },
          },
        ]);
      spec
        .given(account)
        .when(changeRole({ userId: 'aud', role: 'admin', credentialId: null }))
        .then([
          {
            type: 'MemberRoleChanged',
            data: { accountId: 'a1', userId: 'aud', role: 'admin', previousRole: 'auditor', credentialId: null },
          },
        ]);
    });

    it('adds nothing when the member already has the role', () => {
      spec
        .given(account)
        .when(changeRole({ role: 'agent' }))
        .thenNothing();
    });

    it('refuses one’s own role, the last active admin, and an agent who still holds numbers (named)', () => {
      spec
        .given(account)
        .when(changeRole({ userId: 'ada', by: 'ada', role: 'agent' }))
        .thenThrows({ reason: 'self', message: expect.stringContaining('another admin') as unknown });
      spec
        .given([...account, added('adam', 'admin'), disabled('ada')])
        .when(changeRole({ userId: 'adam', by: 'ana', role: 'agent' }))
        .thenThrows({ reason: 'last_admin' });
      spec
        .given(account)
        .when(changeRole({ heldNumbers: ['+13125550101', '+13125550102'] }))
        .thenThrows({
          reason: 'holds_numbers',
          numbers: ['+13125550101', '+13125550102'],
          message: expect.stringContaining('+13125550101, +13125550102') as unknown,
        });
    });

    it('lets one admin of two become an agent, and refuses unknown accounts and members', () => {
      spec
        .given([...account, added('adam', 'admin')])
        .when(changeRole({ userId: 'adam', role: 'agent', credentialId: null }))
        .then([
          {
            type: 'MemberRoleChanged',
            data: { accountId: 'a1', userId: 'adam', role: 'agent', previousRole: 'admin', credentialId: null },
          },
        ]);
      spec.given([]).when(changeRole()).thenThrows({ reason: 'no_account' });
      spec
        .given(account)
        .when(changeRole({ userId: 'nobody' }))
        .thenThrows({ reason: 'not_a_member' });
    });
  });

  describe('disabling and enabling', () => {
    it('disables a member once and enables them again once', () => {
      spec
        .given(account)
        .when({ type: 'DisableMember', userId: 'ana', by: 'ada' })
        .then([disabled('ana')]);
      spec
        .given([...account, disabled('ana')])
        .when({ type: 'DisableMember', userId: 'ana', by: 'ada' })
        .thenNothing();
      spec
        .given([...account, disabled('ana')])
        .when({ type: 'EnableMember', userId: 'ana', by: 'ada' })
        .then([enabled('ana')]);
      spec
        .given([...account, disabled('ana'), enabled('ana')])
        .when({ type: 'EnableMember', userId: 'ana', by: 'ada' })
        .thenNothing();
    });

    it('refuses disabling oneself and the last active admin', () => {
      spec.given(account).when({ type: 'DisableMember', userId: 'ada', by: 'ada' }).thenThrows({ reason: 'self' });
      spec
        .given([...account, added('adam', 'admin'), disabled('adam')])
        .when({ type: 'DisableMember', userId: 'ada', by: 'ana' })
        .thenThrows({ reason: 'last_admin' });
      spec
        .given([...account, added('adam', 'admin')])
        .when({ type: 'DisableMember', userId: 'adam', by: 'ada' })
        .then([disabled('adam')]);
    });
  });
});
