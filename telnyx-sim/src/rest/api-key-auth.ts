/** Bearer API keys: each request acts as the account whose key it carries. */
import type { FastifyRequest } from 'fastify';
import type { SimAccount, SimState } from '../state/sim-state';
import { unauthorized } from './telnyx-errors';

const accounts = new WeakMap<FastifyRequest, SimAccount>();

export function authenticate(state: SimState, request: FastifyRequest): void {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const account = match ? state.accountByApiKey(match[1]!) : undefined;
  if (!account) throw unauthorized();
  accounts.set(request, account);
}

/** The authenticated account of a `/v2` request (set by the `onRequest` hook). */
export function accountOf(request: FastifyRequest): SimAccount {
  const account = accounts.get(request);
  if (!account) throw unauthorized();
  return account;
}
