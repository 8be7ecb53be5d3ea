import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { TeamChangeRejected, type TeamRejection } from './team-rules';

export const MemberParams = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
  userId: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }),
});

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  /** The numbers a member still holds, when that is why the change was refused. */
  numbers: Type.Optional(Type.Array(Type.String())),
});

const STATUS: Record<TeamRejection, { code: 404 | 409; error: string }> = {
  no_account: { code: 404, error: 'Not Found' },
  not_a_member: { code: 404, error: 'Not Found' },
  not_an_agent: { code: 404, error: 'Not Found' },
  self: { code: 409, error: 'Conflict' },
  last_admin: { code: 409, error: 'Conflict' },
  holds_numbers: { code: 409, error: 'Conflict' },
};

/** Answers a refused team change with its status and readable reason; anything else is rethrown. */
export function sendRejection(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof TeamChangeRejected)) throw error;
  const { code, error: name } = STATUS[error.reason];
  return reply.code(code).send({
    statusCode: code,
    error: name,
    message: error.message,
    ...(error.numbers.length > 0 ? { numbers: error.numbers } : {}),
  });
}
