import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { SealedSecret } from '@curbe-voice/contracts';
import { createSecretBox, type SecretBox } from './secret-box';

/** The agent's data key was destroyed when they were removed: what it sealed is gone for good. */
export class AgentSecretsShredded extends Error {
  override readonly name = 'AgentSecretsShredded';
}

const AGENT_KEY_PREFIX = 'agent:';

interface KeyRow {
  wrapped_key: string | null;
  shredded_at: string | null;
}

/**
 * Crypto-shredding of agents' secrets. Events are immutable, so an agent's SIP password is sealed
 * under a data key of that agent alone (key id `agent:{userId}`), and that key lives outside the
 * event store: in the `agent_data_key` table of the read-model database, itself sealed with the
 * master SECRET_KEYS. Removing the agent destroys the key (the row is kept as a tombstone, so no new
 * key is ever made for them), and every ciphertext sealed under it becomes noise.
 *
 * This table is not a read model: replaying events cannot rebuild it. Back it up with the database.
 */
export class AgentSecrets {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly orm: MikroORM,
    /** The master box (SECRET_KEYS): seals the data keys, and opens secrets sealed before agent keys existed. */
    private readonly master: SecretBox,
  ) {}

  async seal(userId: string, plaintext: string): Promise<SealedSecret> {
    return (await this.boxOf(userId, { create: true })).seal(plaintext);
  }

  async open(sealed: SealedSecret): Promise<string> {
    if (!sealed.keyId.startsWith(AGENT_KEY_PREFIX)) return this.master.open(sealed);
    return (await this.boxOf(sealed.keyId.slice(AGENT_KEY_PREFIX.length), { create: false })).open(sealed);
  }

  /** True when `sealed` depends on an agent key (shredding that key makes it unrecoverable). */
  static isAgentSealed(sealed: SealedSecret, userId: string): boolean {
    return sealed.keyId === `${AGENT_KEY_PREFIX}${userId}`;
  }

  /** Destroys the agent's data key; safe to repeat. */
  async shred(userId: string): Promise<void> {
    await this.ensureTable();
    const connection = this.orm.em.getConnection();
    // SQLite: zero the freed bytes instead of leaving the old key in free pages.
    if (this.isSqlite()) await connection.execute('pragma secure_delete = on');
    const now = new Date().toISOString();
    await connection.execute(
      `insert into ${this.table()} (user_id, wrapped_key, created_at, shredded_at) values (?, null, ?, ?) ` +
        'on conflict (user_id) do update set wrapped_key = null, shredded_at = excluded.shredded_at',
      [userId, now, now],
    );
  }

  private async boxOf(userId: string, options: { create: boolean }): Promise<SecretBox> {
    await this.ensureTable();
    let row = await this.row(userId);
    if (!row && options.create) {
      const wrapped = JSON.stringify(this.master.seal(randomBytes(32).toString('base64')));
      // Two instances may race to make the key: the first insert wins, both use it.
      await this.orm.em
        .getConnection()
        .execute(
          `insert into ${this.table()} (user_id, wrapped_key, created_at) values (?, ?, ?) on conflict (user_id) do nothing`,
          [userId, wrapped, new Date().toISOString()],
        );
      row = await this.row(userId);
    }
    if (!row?.wrapped_key) {
      throw new AgentSecretsShredded(
        row?.shredded_at
          ? `The secrets of agent ${userId} were destroyed on ${row.shredded_at} when the agent was removed`
          : `Agent ${userId} has no data key`,
      );
    }
    const key = Buffer.from(this.master.open(JSON.parse(row.wrapped_key) as SealedSecret), 'base64');
    return createSecretBox([{ id: `${AGENT_KEY_PREFIX}${userId}`, key }]);
  }

  private async row(userId: string): Promise<KeyRow | undefined> {
    const rows = (await this.orm.em
      .getConnection()
      .execute(`select wrapped_key, shredded_at from ${this.table()} where user_id = ?`, [userId])) as KeyRow[];
    return rows[0];
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.orm.em
      .getConnection()
      .execute(
        `create table if not exists ${this.table()} (user_id varchar(64) not null primary key, wrapped_key text null, ` +
          'created_at varchar(40) not null, shredded_at varchar(40) null)',
      )
      .then(
        () => undefined,
        (error: unknown) => {
          this.ready = null;
          throw error;
        },
      );
    return this.ready;
  }

  private table(): string {
    const schema = this.isSqlite() ? undefined : this.orm.config.get('schema');
    return schema ? `"${schema}"."agent_data_key"` : 'agent_data_key';
  }

  private isSqlite(): boolean {
    // createReadModelOrm connects PostgreSQL by URL and SQLite by file name.
    return !this.orm.config.get('clientUrl');
  }
}
