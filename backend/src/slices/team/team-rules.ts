import { activeAdmins, type AccountMember, type AccountState } from '../accounts';

/**
 * The rules every change to the team follows (pure). Only the account's admins change it (the routes'
 * access hooks enforce that). Nobody changes their own role, disables or removes themselves, so an
 * agency never locks itself out by accident; the last active admin is never demoted, disabled or
 * removed; and an agent who still holds numbers keeps the agent role until their numbers are
 * reassigned or unassigned, so no customer's calls are silently re-routed.
 */
export type TeamRejection = 'no_account' | 'not_a_member' | 'not_an_agent' | 'self' | 'last_admin' | 'holds_numbers';

export class TeamChangeRejected extends Error {
  override readonly name = 'TeamChangeRejected';
  constructor(
    readonly reason: TeamRejection,
    message: string,
    /** The numbers the member still holds, for `holds_numbers`. */
    readonly numbers: string[] = [],
  ) {
    super(message);
  }
}

/** The account and the member a change is about; refused when either is unknown. */
export function memberOf(
  account: AccountState | null,
  userId: string,
): { account: AccountState; member: AccountMember } {
  if (!account) throw new TeamChangeRejected('no_account', 'No such account');
  const member = account.members.find((candidate) => candidate.userId === userId);
  if (!member) throw new TeamChangeRejected('not_a_member', `No member ${userId} in this account`);
  return { account, member };
}

export function refuseSelf(member: AccountMember, by: string, what: string): void {
  if (member.userId === by)
    throw new TeamChangeRejected('self', `You cannot ${what} yourself: ask another admin of the agency`);
}

/** Refuses a change that would leave the account without an admin who can sign in. */
export function refuseLastAdmin(account: AccountState, member: AccountMember): void {
  const admins = activeAdmins(account);
  if (admins.length === 1 && admins[0]!.userId === member.userId) {
    throw new TeamChangeRejected(
      'last_admin',
      `${member.displayName} is the agency's last active admin: make another member an admin first`,
    );
  }
}

export function refuseHeldNumbers(member: AccountMember, heldNumbers: string[]): void {
  if (heldNumbers.length === 0) return;
  throw new TeamChangeRejected(
    'holds_numbers',
    `${member.displayName} still holds ${heldNumbers.join(', ')}: assign these numbers to someone else or unassign them first`,
    heldNumbers,
  );
}
