import type { MemberRole } from '@curbe-voice/contracts';
import type { AccountMember } from '../api/types';

/** How roles read in the web app. */
export const ROLE_NAMES: Record<MemberRole, string> = { agent: 'Agent', admin: 'Admin', auditor: 'Auditor' };

/** A member's state in words: disabled, waiting for them to choose a password, or active. */
export function statusText(member: Pick<AccountMember, 'status' | 'joined'>): string {
  if (member.status === 'disabled') return 'Disabled';
  return member.joined ? 'Active' : 'Invited: no password yet';
}

/** When a set-password link stops working, as people read it. */
export function expiryText(expiresAt: string): string {
  return new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
