import { Type } from '@sinclair/typebox';
import {
  CallDirectionSchema,
  CallHistoryPageSchema,
  CallOutcomeSchema,
  CallViewSchema,
} from '@curbe-voice/contracts/api/calls';
import { CALL_FIELD_LIMITS, TELNYX_ID_PATTERN } from '@curbe-voice/contracts';
import { CallHistoryEntryEntity } from '@curbe-voice/projections/read-models/call-history';
import type { MikroORM } from '@mikro-orm/core';
import type { SlicePlugin } from '../../../platform/http/slice-plugin';
import { requireUser } from '../../../platform/sessions/session-user';
import { listCalls } from './call-history-query';
import { callAccess } from './call-visibility';
import { toCallView } from './call-view';

const DATE = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  direction: Type.Optional(CallDirectionSchema),
  outcome: Type.Optional(CallOutcomeSchema),
  /** A date (from its start) or a date-time, inclusive. */
  from: Type.Optional(Type.String({ pattern: DATE })),
  /** A date (to its end, inclusive) or a date-time (exclusive). */
  to: Type.Optional(Type.String({ pattern: DATE })),
});

const CallParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: CALL_FIELD_LIMITS.callSid, pattern: TELNYX_ID_PATTERN }),
});
const ErrorResponse = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

/** The signed-in user's call history: their own calls (agents) or the account's (auditors). */
export const callHistoryRoutes: SlicePlugin<{ readModels: MikroORM }> = async (app, { deps }) => {
  app.get(
    '/api/calls',
    { schema: { querystring: ListQuery, response: { 200: CallHistoryPageSchema, 400: ErrorResponse } } },
    async (request, reply) => {
      const user = requireUser(request);
      const { limit = 25, cursor, direction, outcome, from, to } = request.query;
      const badDate = [
        ['from', from],
        ['to', to],
      ].find(([, value]) => value !== undefined && !isRealDate(value));
      if (badDate)
        return reply
          .code(400)
          .send({ statusCode: 400, error: 'Bad Request', message: `querystring/${badDate[0]} is not a calendar date` });
      const page = await listCalls(
        deps.readModels,
        user,
        {
          ...(direction ? { direction } : {}),
          ...(outcome ? { outcome } : {}),
          ...(from ? { from: startOf(from) } : {}),
          ...(to ? { to: endOf(to) } : {}),
        },
        { limit, ...(cursor ? { cursor } : {}) },
      );
      reply.header('cache-control', 'no-store');
      return { items: page.rows.map(toCallView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/calls/:id',
    { schema: { params: CallParams, response: { 200: CallViewSchema, 403: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const user = requireUser(request);
      const row = await deps.readModels.em.fork().findOne(CallHistoryEntryEntity, { callSid: request.params.id });
      const access = callAccess(user, row);
      if (access === 'not_found')
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such call' });
      if (access === 'forbidden')
        return reply
          .code(403)
          .send({ statusCode: 403, error: 'Forbidden', message: 'This call belongs to another agent' });
      reply.header('cache-control', 'no-store');
      return toCallView(row!);
    },
  );
};

const DAY_MS = 24 * 60 * 60 * 1000;
const isDateOnly = (value: string) => value.length === 10;

/** The pattern admits `2026-13-45`; the calendar does not (nor `2026-02-30`). */
function isRealDate(value: string): boolean {
  const day = value.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day && !Number.isNaN(Date.parse(value))
  );
}

function startOf(value: string): string {
  return new Date(isDateOnly(value) ? `${value}T00:00:00Z` : value).toISOString();
}

function endOf(value: string): string {
  return isDateOnly(value)
    ? new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS).toISOString()
    : new Date(value).toISOString();
}
