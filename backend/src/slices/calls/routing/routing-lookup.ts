import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { ActivationViewEntity } from '@curbe-voice/projections/read-models/activation';
import { AgentViewEntity } from '@curbe-voice/projections/read-models/agents';
import { RoutingEntryEntity, type RoutingEntry } from '@curbe-voice/projections/read-models/routing';

export interface AgentIdentity {
  userId: string;
  accountId: string;
}

const ROUTING_ENTRY_FIELDS = [
  'phoneNumber',
  'accountId',
  'agentId',
  'sipUsername',
  'agentDisabled',
] as const satisfies readonly (keyof RoutingEntry)[];

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
const isTrue = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

/** The read models a routing decision needs: who holds a number, who a SIP user is, names to greet with. */
export class RoutingLookup {
  #numberEntryQuery: { sql: string; columns: string[] } | undefined;

  constructor(private readonly orm: MikroORM) {}

  /**
   * Every inbound call asks this, so it skips the unit of work: one query by primary key, its SQL built
   * by the query builder once (table, schema and column names as the ORM maps them) and reused.
   */
  async numberEntry(phoneNumber: string): Promise<RoutingEntry | null> {
    const { sql, columns } = (this.#numberEntryQuery ??= this.buildNumberEntryQuery());
    const row = (await this.orm.em.getConnection().execute(sql, [phoneNumber], 'get')) as
      Record<string, string | number | boolean | null> | undefined;
    if (!row) return null;
    const [number, accountId, agentId, sipUsername, agentDisabled] = columns.map((column) => row[column] ?? null);
    return {
      phoneNumber: String(number),
      accountId: String(accountId),
      agentId: agentId === null ? null : String(agentId),
      sipUsername: sipUsername === null ? null : String(sipUsername),
      agentDisabled: isTrue(agentDisabled),
    };
  }

  /** The agent a web phone logged in as; a disabled agent places no calls. */
  async agentBySipUsername(sipUsername: string): Promise<AgentIdentity | null> {
    const agent = await this.orm.em.fork().findOne(AgentViewEntity, { sipUsername, role: 'agent', status: 'active' });
    return agent ? { userId: agent.userId, accountId: agent.accountId } : null;
  }

  /** The agent's business number (the first, when an agent holds several): their caller id. */
  async numberOfAgent(agent: AgentIdentity): Promise<string | null> {
    const entry = await this.orm.em
      .fork()
      .findOne(
        RoutingEntryEntity,
        { agentId: agent.userId, accountId: agent.accountId },
        { orderBy: { phoneNumber: 'asc' } },
      );
    return entry?.phoneNumber ?? null;
  }

  async agentName(userId: string): Promise<string | null> {
    return (await this.orm.em.fork().findOne(AgentViewEntity, { userId }))?.displayName ?? null;
  }

  async accountName(accountId: string): Promise<string | null> {
    return (await this.orm.em.fork().findOne(ActivationViewEntity, { accountId }))?.accountName ?? null;
  }

  private buildNumberEntryQuery(): { sql: string; columns: string[] } {
    const { sql } = (this.orm.em.fork() as SqlEntityManager)
      .createQueryBuilder(RoutingEntryEntity)
      .select([...ROUTING_ENTRY_FIELDS])
      .where({ phoneNumber: 'bound per query' })
      .getKnexQuery()
      .toSQL();
    const meta = this.orm.getMetadata().get(RoutingEntryEntity.meta.className);
    return { sql, columns: ROUTING_ENTRY_FIELDS.map((field) => meta.properties[field]!.fieldNames[0]!) };
  }
}
