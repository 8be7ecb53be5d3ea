import type { MikroORM } from '@mikro-orm/core';
import { ActivationViewEntity } from '@curbe-voice/projections/read-models/activation/index';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents/index';
import { RoutingEntryEntity, type RoutingEntry } from '@curbe-voice/projections/read-models/routing/index';

export interface AgentIdentity {
  userId: string;
  accountId: string;
}

/** The read models a routing decision needs: who holds a number, who a SIP user is, names to greet with. */
export class RoutingLookup {
  constructor(private readonly orm: MikroORM) {}

  numberEntry(phoneNumber: string): Promise<RoutingEntry | null> {
    return this.orm.em.fork().findOne(RoutingEntryEntity, { phoneNumber });
  }

  async agentBySipUsername(sipUsername: string): Promise<AgentIdentity | null> {
    const agent = await this.orm.em.fork().findOne(AgentViewEntity, { sipUsername, role: 'agent' });
    return agent ? { userId: agent.userId, accountId: agent.accountId } : null;
  }

  async agentByNumber(phoneNumber: string): Promise<AgentIdentity | null> {
    const entry = await this.numberEntry(phoneNumber);
    return entry?.agentId ? { userId: entry.agentId, accountId: entry.accountId } : null;
  }

  /** The agent's business number (the first, when an agent holds several): their caller id. */
  async numberOfAgent(agent: AgentIdentity): Promise<string | null> {
    const entry = await this.orm.em
      .fork()
      .findOne(RoutingEntryEntity, { agentId: agent.userId, accountId: agent.accountId }, { orderBy: { phoneNumber: 'asc' } });
    return entry?.phoneNumber ?? null;
  }

  async agentName(userId: string): Promise<string | null> {
    return (await this.orm.em.fork().findOne(AgentViewEntity, { userId }))?.displayName ?? null;
  }

  async accountName(accountId: string): Promise<string | null> {
    return (await this.orm.em.fork().findOne(ActivationViewEntity, { accountId }))?.accountName ?? null;
  }
}
