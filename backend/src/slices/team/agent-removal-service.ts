import { accountStreamName } from '@curbe-voice/contracts';
import { WrongExpectedVersionError, type EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers/index';
import type { AccountRegistry } from '../accounts';
import { evolveAccount } from '../accounts';
import { readAccountStream } from '../accounts';
import { toNewEvent, type CommandContext } from '../../platform/event-sourcing/event-envelope';
import { AgentSecrets } from '../../platform/crypto/agent-secrets';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { loadActivation } from '../activation';
import { planRemoval, type RemovalPlan } from './removal-policy';

export interface AgentRemovalDeps {
  store: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  telnyx: TelnyxGateway;
  agentSecrets: Pick<AgentSecrets, 'shred'>;
}

/** A concurrent change to the account (a member added meanwhile) makes us decide again. */
const MAX_ATTEMPTS = 3;

/**
 * Removes an agent: deletes their Telnyx telephony credential, destroys their data key, then records
 * `AgentRemoved`. Both side effects are idempotent and come first, so a crash in between is finished
 * by simply asking again; the event is appended at the revision the decision was made on.
 */
export class AgentRemovalService {
  constructor(private readonly deps: AgentRemovalDeps) {}

  async remove(accountId: string, agentId: string, context: CommandContext & { removedBy: string }): Promise<RemovalPlan['event']['data']> {
    for (let attempt = 1; ; attempt++) {
      const { events, expectedRevision } = await readAccountStream(this.deps.store, accountId);
      const account = events.reduce(evolveAccount, null);
      const activation = await loadActivation(this.deps.store, accountId);
      const credential = activation.state.credentials[agentId] ?? null;
      const request = { account, agentId, removedBy: context.removedBy, heldNumbers: await this.heldNumbers(accountId, agentId), credential };
      // Secrets sealed under the master key before agent keys existed cannot be shredded this way.
      const shreddable = !credential || AgentSecrets.isAgentSealed(credential.sipPassword, agentId);
      const plan = planRemoval(request, shreddable);

      if (plan.credentialId !== null) {
        await this.deps.telnyx.forAccount(this.deps.accounts.openApiKey(account!)).deleteTelephonyCredential(plan.credentialId);
      }
      await this.deps.agentSecrets.shred(agentId);
      try {
        await this.deps.store.appendToStream(accountStreamName(accountId), [toNewEvent(plan.event, context)], { expectedRevision });
        return plan.event.data;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async heldNumbers(accountId: string, agentId: string): Promise<string[]> {
    const rows = await this.deps.readModels.em.fork().find(NumberViewEntity, { accountId, agentId, status: { $ne: 'released' } });
    return rows.map((row) => row.phoneNumber).sort();
  }
}
