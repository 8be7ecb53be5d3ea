import { accountStreamName, agentStreamName, type AccountEvent, type AgentEventData } from '@curbe-voice/contracts';
import type { EventStore } from '@curbe-voice/event-store';
import type { MikroORM } from '@mikro-orm/core';
import type { AccountRegistry } from '../accounts';
import type { AgentCredential } from '../activation';
import { handleCommand } from '../../platform/event-sourcing/command-handler';
import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { AgentSecrets } from '../../platform/crypto/agent-secrets';
import type { TelnyxGateway } from '../../platform/telnyx/telnyx-gateway';
import { memberRemovalDecider, type MemberRemoved, type RemoveMember } from './member-removal-decider';
import { heldNumbers } from './held-numbers';
import { takeBackNumbersOfRemovedMember } from '../numbers';

export interface MemberRemovalDeps {
  store: EventStore;
  readModels: MikroORM;
  accounts: AccountRegistry;
  telnyx: TelnyxGateway;
  agentSecrets: Pick<AgentSecrets, 'shred'>;
}

/** A concurrent change to the account (a member added meanwhile) makes us decide again. */
const MAX_ATTEMPTS = 3;

/**
 * Removes a member: deletes their Telnyx telephony credential (agents, and anyone who was one),
 * destroys their data key, then records `AgentRemoved`. Both side effects are idempotent and come
 * first, so a crash in between is finished by simply asking again; the event is appended at the
 * revision the decision was made on.
 */
export class MemberRemovalService {
  constructor(private readonly deps: MemberRemovalDeps) {}

  async remove(
    accountId: string,
    userId: string,
    context: CommandContext & { removedBy: string; agentsOnly: boolean },
  ): Promise<MemberRemoved['data']> {
    const command = await this.command(accountId, userId, context);
    const { events } = await handleCommand(
      this.deps.store,
      accountStreamName(accountId),
      memberRemovalDecider,
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
          await this.deps.agentSecrets.shred(userId);
        },
      },
    );
    const removed = removedIn(events);
    // The held-numbers check above read a read model that may lag an assignment made meanwhile:
    // the store is asked again now that the removal is recorded (see takeBackNumbersOfRemovedMember).
    // The unassignment shares the removal's correlation id: the audit trail shows it as part of it.
    await takeBackNumbersOfRemovedMember(this.deps.store, { accountId, userId }, context);
    return removed.data;
  }

  private async command(
    accountId: string,
    userId: string,
    context: { removedBy: string; agentsOnly: boolean },
  ): Promise<RemoveMember> {
    const credential = await this.credentialOf(userId);
    // Secrets sealed under the master key before agent keys existed cannot be shredded this way.
    const secretsShredded = !credential || AgentSecrets.isAgentSealed(credential.sipPassword, userId);
    return {
      type: 'RemoveMember',
      userId,
      removedBy: context.removedBy,
      agentsOnly: context.agentsOnly,
      heldNumbers: await heldNumbers(this.deps.readModels, accountId, userId),
      credential,
      secretsShredded,
    };
  }

  /** The member's telephony credential, whatever their role now (a former agent keeps theirs). */
  private async credentialOf(userId: string): Promise<AgentCredential | null> {
    const created = (await this.deps.store.readStream(agentStreamName(userId))).findLast(
      (event) => event.type === 'TelephonyCredentialCreated',
    );
    if (!created) return null;
    const { credentialId, sipUsername, sipPassword } = created.data as AgentEventData<'TelephonyCredentialCreated'>;
    return { credentialId, sipUsername, sipPassword };
  }
}

function removedIn(events: AccountEvent[]): MemberRemoved {
  const removed = events.find((event): event is MemberRemoved => event.type === 'AgentRemoved');
  if (!removed) throw new Error('A member removal records AgentRemoved');
  return removed;
}
