import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import { CallHistoryEntryEntity, type CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history';
import type { SessionUser } from '../../../platform/sessions/session-user';
import { visibleCallsFilter } from './call-visibility';

export interface CallHistoryFilters {
  direction?: 'inbound' | 'outbound';
  outcome?: string;
  /** Inclusive ISO date-time. */
  from?: string;
  /** Exclusive ISO date-time. */
  to?: string;
}

export interface CallHistoryPage {
  rows: CallHistoryEntry[];
  nextCursor: string | null;
}

/** Opaque to clients: where the previous page stopped (keyset pagination, stable under inserts). */
export class InvalidCursorError extends Error {
  readonly statusCode = 400;
  constructor() {
    super('The cursor is not one this API handed out');
  }
}

/** Newest first; ties broken by call id so pages never overlap or skip. */
export async function listCalls(
  orm: MikroORM,
  user: Pick<SessionUser, 'userId' | 'accountId' | 'role'>,
  filters: CallHistoryFilters,
  page: { limit: number; cursor?: string },
): Promise<CallHistoryPage> {
  const conditions: FilterQuery<CallHistoryEntry>[] = [visibleCallsFilter(user), { startedAt: { $ne: null } }];
  if (filters.direction) conditions.push({ direction: filters.direction });
  if (filters.outcome) conditions.push({ outcome: filters.outcome });
  if (filters.from) conditions.push({ startedAt: { $gte: filters.from } });
  if (filters.to) conditions.push({ startedAt: { $lt: filters.to } });
  if (page.cursor) {
    const [startedAt, callSid] = decodeCursor(page.cursor);
    conditions.push({ $or: [{ startedAt: { $lt: startedAt } }, { startedAt, callSid: { $lt: callSid } }] });
  }
  const rows = await orm.em.fork().find(
    CallHistoryEntryEntity,
    { $and: conditions },
    {
      orderBy: [{ startedAt: 'desc' }, { callSid: 'desc' }],
      limit: page.limit + 1,
    },
  );
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { rows: shown, nextCursor: more && last ? encodeCursor(last.startedAt!, last.callSid) : null };
}

function encodeCursor(startedAt: string, callSid: string): string {
  return Buffer.from(JSON.stringify([startedAt, callSid]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string'))
      return value as [string, string];
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}
