import { v5 as uuidv5 } from 'uuid';
import type { MemberRole } from '@curbe-voice/contracts';
import type { AccountRegistry } from './account-registry';
import { normaliseEmail, type AccountState } from './account-state';

/** Fixed namespace so the demo account and its users get the same ids on every machine. */
const DEMO_NAMESPACE = '5b0f6f1e-8d3c-4f6a-9a51-3f7c2d9e8b10';

export const DEMO_ACCOUNT_ID = uuidv5('account:demo-insurance', DEMO_NAMESPACE);
export const demoUserId = (email: string): string => uuidv5(`user:${normaliseEmail(email)}`, DEMO_NAMESPACE);

export const DEMO_MEMBERS: { email: string; displayName: string; role: MemberRole }[] = [
  { email: 'admin@demo.curbe.test', displayName: 'Ada Admin', role: 'admin' },
  { email: 'ana@demo.curbe.test', displayName: 'Ana Agent', role: 'agent' },
  { email: 'ben@demo.curbe.test', displayName: 'Ben Agent', role: 'agent' },
  { email: 'audit@demo.curbe.test', displayName: 'Audrey Auditor', role: 'auditor' },
];

export interface SeedDemoDeps {
  accounts: AccountRegistry;
  /** Sign-in keeps the members' passwords; without it the password is not used. */
  setPassword?: (userId: string, password: string) => Promise<void>;
}

/**
 * Creates "Demo Insurance" with an admin, two agents and an auditor, adding only what is missing (safe to run on
 * every start). It does not activate the account.
 */
export async function seedDemoAccount(deps: SeedDemoDeps, password: string): Promise<AccountState> {
  const context = { actor: 'system', correlationId: uuidv5(`seed:${Date.now()}`, DEMO_NAMESPACE) };
  const existing =
    (await deps.accounts.get(DEMO_ACCOUNT_ID)) ??
    (await deps.accounts.register({ name: 'Demo Insurance', accountId: DEMO_ACCOUNT_ID }, context));
  for (const member of DEMO_MEMBERS) {
    const userId = demoUserId(member.email);
    if (!existing.members.some((m) => m.userId === userId)) {
      await deps.accounts.addMember(DEMO_ACCOUNT_ID, { ...member, userId }, context);
    }
    await deps.setPassword?.(userId, password);
  }
  return (await deps.accounts.get(DEMO_ACCOUNT_ID))!;
}
