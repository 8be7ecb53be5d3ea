import type { FastifyInstance } from 'fastify';
import type { SimState } from '../state/sim-state';
import type { AccountSigners } from './account-signers';

/**
 * What an account's portal shows and does under Keys & Credentials → Public Key, as simulator control
 * routes (Telnyx's API has no such operation): read the public key webhooks are signed with, and
 * rotate it (a new key pair becomes active at once; the old key signs nothing afterwards).
 */
export function registerSigningKeyRoutes(app: FastifyInstance, state: SimState, signers: AccountSigners): void {
  const answer = (accountId: string, publicKey: string) => ({ account_id: accountId, public_key: publicKey });

  app.get<{ Params: { id: string } }>('/sim/accounts/:id/public-key', async (request, reply) => {
    const { id } = request.params;
    if (!state.accounts.has(id)) return reply.code(404).send({ error: `account ${id} not found` });
    return answer(id, signers.signerFor(id).publicKeyBase64);
  });

  app.post<{ Params: { id: string } }>('/sim/accounts/:id/public-key/rotate', async (request, reply) => {
    const { id } = request.params;
    if (!state.accounts.has(id)) return reply.code(404).send({ error: `account ${id} not found` });
    return answer(id, signers.rotate(id).publicKeyBase64);
  });
}
