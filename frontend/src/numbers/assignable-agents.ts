import type { AccountMember, Member, OwnedNumber } from '../api/types';

/**
 * Whom the account's numbers can ring: its agents (auditors only look), sorted by name. An agent who
 * still holds a number but is missing from `members` (the list could not be loaded) is kept, so that
 * the number's current agent still shows.
 */
export function assignableAgents(members: readonly AccountMember[], owned: readonly OwnedNumber[]): Member[] {
  const byId = new Map<string, Member>();
  for (const member of members) {
    if (member.role === 'agent')
      byId.set(member.userId, {
        userId: member.userId,
        email: member.email,
        displayName: member.displayName,
        role: member.role,
      });
  }
  for (const number of owned) {
    if (number.agentId && !byId.has(number.agentId)) {
      byId.set(number.agentId, {
        userId: number.agentId,
        email: '',
        displayName: number.agentName ?? number.agentId,
        role: 'agent',
      });
    }
  }
  return [...byId.values()].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email),
  );
}
