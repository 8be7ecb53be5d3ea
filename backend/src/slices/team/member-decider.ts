import { isAccountEventType, type AccountEvent, type MemberRole } from '@curbe-voice/contracts';
import type { Decider } from '../../platform/event-sourcing/decider';
import { evolveAccount, type AccountState } from '../accounts';
import { memberOf, refuseHeldNumbers, refuseLastAdmin, refuseSelf } from './team-rules';

/**
 * An admin changes a member's role, disables or enables them, decided on the `account-{id}` stream.
 * What lives elsewhere (the numbers the member holds, their telephony credential) comes with the
 * command. `by` is the admin who asks. Asking for what already holds adds nothing.
 */
export type MemberCommand =
  | {
      type: 'ChangeMemberRole';
      userId: string;
      role: MemberRole;
      by: string;
      heldNumbers: string[];
      credentialId: string | null;
    }
  | { type: 'DisableMember'; userId: string; by: string }
  | { type: 'EnableMember'; userId: string; by: string };

function decide(command: MemberCommand, state: AccountState | null): AccountEvent[] {
  const { account, member } = memberOf(state, command.userId);
  const { accountId } = account;
  const { userId } = member;
  switch (command.type) {
    case 'ChangeMemberRole': {
      refuseSelf(member, command.by, 'change the role of');
      if (member.role === command.role) return [];
      if (member.role === 'admin') refuseLastAdmin(account, member);
      if (member.role === 'agent') refuseHeldNumbers(member, command.heldNumbers);
      const { role, credentialId } = command;
      return [
        { type: 'MemberRoleChanged', data: { accountId, userId, role, previousRole: member.role, credentialId } },
      ];
    }
    case 'DisableMember':
      refuseSelf(member, command.by, 'disable');
      if (member.disabled) return [];
      refuseLastAdmin(account, member);
      return [{ type: 'MemberDisabled', data: { accountId, userId } }];
    case 'EnableMember':
      return member.disabled ? [{ type: 'MemberEnabled', data: { accountId, userId } }] : [];
  }
}

export const memberDecider: Decider<MemberCommand, AccountState | null, AccountEvent> = {
  decide,
  evolve: evolveAccount,
  initialState: null,
  knows: isAccountEventType,
};
