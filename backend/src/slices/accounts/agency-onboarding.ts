import type { AppendResult } from '@curbe-voice/event-store';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { AccountRejected } from './account-decider';
import type { AccountRegistry } from './account-registry';
import { normaliseEmail, type AccountMember, type AccountState } from './account-state';

/** Whether an email already signs somebody in (a member of any agency, or an operator). */
export interface EmailsInUse {
  isInUse(email: string): Promise<boolean>;
}

/** Issues a one-time set-password link for a user, as a URL to hand over. */
export interface SetPasswordLinks {
  issue(userId: string, context: CommandContext): Promise<{ url: string; expiresAt: Date }>;
}

export interface AgencyOnboardingDeps {
  accounts: AccountRegistry;
  emails: EmailsInUse;
  passwordLinks: SetPasswordLinks;
}

export interface NewAgency {
  name: string;
  adminEmail: string;
  adminName: string;
}

export interface OnboardedAgency {
  account: AccountState;
  admin: AccountMember;
  passwordLink: { url: string; expiresAt: Date };
}

/**
 * A new agency, as the platform's operators create it (the operator page and `npm run accounts --
 * create` alike): its Telnyx managed account, the agency and its first admin recorded together, and
 * the admin's one-time set-password link. Nothing is recorded when Telnyx fails; an admin whose link
 * was lost (or never printed) gets a fresh one from `adminPasswordLink`.
 */
export class AgencyOnboarding {
  constructor(private readonly deps: AgencyOnboardingDeps) {}

  async createAgency(
    agency: NewAgency,
    context: CommandContext,
    options: { afterAppend?: (result: AppendResult) => Promise<void> } = {},
  ): Promise<OnboardedAgency> {
    const email = normaliseEmail(agency.adminEmail);
    // Checked before Telnyx is asked: one email signs in one user, across every agency.
    if (await this.deps.emails.isInUse(email))
      throw new AccountRejected('email_taken', `${email} already signs in to Curbe Voice`);
    const account = await this.deps.accounts.register(
      { name: agency.name, admin: { email, displayName: agency.adminName, role: 'admin' } },
      context,
      options,
    );
    const admin = account.members[0]!;
    const passwordLink = await this.deps.passwordLinks.issue(admin.userId, context);
    return { account, admin, passwordLink };
  }

  /** A fresh link for one of the agency's admins (the previous one stops working). */
  async adminPasswordLink(accountId: string, userId: string, context: CommandContext) {
    const account = await this.deps.accounts.get(accountId);
    if (!account) throw new AccountRejected('not_found', `No agency ${accountId}`);
    const admin = account.members.find((member) => member.userId === userId && member.role === 'admin');
    if (!admin) throw new AccountRejected('not_found', `No admin ${userId} in agency "${account.name}"`);
    return { admin, passwordLink: await this.deps.passwordLinks.issue(userId, context) };
  }
}
