import { accountStreamName, type AccountEvent } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import { NumberViewEntity } from '@curbe-voice/projections/read-models/numbers';
import type { AccountRegistry } from '../accounts';
import { handleCommand } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { AgentSecrets } from '../../platform/crypto/agent-secrets';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { loadActivation } from '../activation';
import { agentRemovalDecider, type AgentRemoved, type RemoveAgent } from './agent-removal-decider';

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

  async remove(
    accountId: string,
    agentId: string,
    context: CommandContext & { removedBy: string },
  ): Promise<AgentRemoved['data']> {
    const command = await this.command(accountId, agentId, context.removedBy);
    const { events } = await handleCommand(
      this.deps.store,
      accountStreamName(accountId),
      agentRemovalDecider,
      command,
      {
        metadata: context,
        maxAttempts: MAX_ATTEMPTS,
        beforeAppend: async (decided, account) => {
          const { credentialId } = removedIn(decided).data;
          if (credentialId !== null) {
            await this.deps.telnyx
              .forAccount(this.deps.accounts.openApiKey(account!))
              .deleteTelephonyCredential(credentialId);
          }
          await this.deps.agentSecrets.shred(agentId);
        },
      },
    );
    return removedIn(events).data;
  }

  private async command(accountId: string, agentId: string, removedBy: string): Promise<RemoveAgent> {
    const activation = await loadActivation(this.deps.store, accountId);
    const credential = activation.state.credentials[agentId] ?? null;
    // Secrets sealed under the master key before agent keys existed cannot be shredded this way.
    const secretsShredded = !credential || AgentSecrets.isAgentSealed(credential.sipPassword, agentId);
    return {
      type: 'RemoveAgent',
      agentId,
      removedBy,
      heldNumbers: await this.heldNumbers(accountId, agentId),
      credential,
      secretsShredded,
    };
  }

  private async heldNumbers(accountId: string, agentId: string): Promise<string[]> {
    const rows = await this.deps.readModels.em
      .fork()
      .find(NumberViewEntity, { accountId, agentId, status: { $ne: 'released' } });
    return rows.map((row) => row.phoneNumber).sort();
  }
}

function removedIn(events: AccountEvent[]): AgentRemoved {
  const removed = events.find((event): event is AgentRemoved => event.type === 'AgentRemoved');
  if (!removed) throw new Error('An agent removal records AgentRemoved');
  return removed;
}
