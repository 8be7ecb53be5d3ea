import type { FilterQuery } from '@mikro-orm/core';
import type { CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history';
import type { SessionUser } from '../../../platform/sessions/session-user';

/**
 * Who sees a call:
 * - the agent it belongs to;
 * - every auditor of the account (they review everything that happened);
 * - for a voicemail left on a number no agent holds (agentId null): every member of the account.
 *   Nobody owns that number, so the message is the agency's; keeping it from all agents would mean
 *   nobody calls the customer back. A conversation is never account-wide: it always has an agent.
 */
export function visibleCallsFilter(
  user: Pick<SessionUser, 'userId' | 'accountId' | 'role'>,
): FilterQuery<CallHistoryEntry> {
  if (user.role === 'auditor') return { accountId: user.accountId };
  return { accountId: user.accountId, $or: [{ agentId: user.userId }, { agentId: null }] };
}

export type CallAccess = 'allowed' | 'forbidden' | 'not_found';

/** Another account's call does not exist for the user (404); a colleague's call is forbidden (403). */
export function callAccess(
  user: Pick<SessionUser, 'userId' | 'accountId' | 'role'>,
  row: CallHistoryEntry | null,
): CallAccess {
  if (!row || row.accountId === null || row.accountId !== user.accountId) return 'not_found';
  if (user.role === 'auditor' || row.agentId === user.userId || row.agentId === null) return 'allowed';
  return 'forbidden';
}
