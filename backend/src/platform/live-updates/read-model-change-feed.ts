import {
  ChangeSetType,
  type EventSubscriber,
  type FlushEventArgs,
  type MikroORM,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import { LiveUpdateHub, type LiveUpdate } from './live-update-hub';
import type { LiveReadModel } from './live-read-model';

/**
 * Watches the read-model ORM: rows of the live read models written by the projections are collected
 * per transaction and published only once that transaction has committed (a rolled-back batch is
 * retried by the runner and must not be announced twice, or at all).
 */
class ReadModelChangeFeed implements EventSubscriber {
  private readonly pending = new WeakMap<object, Map<string, LiveUpdate>>();
  private readonly byClassName: Map<string, LiveReadModel>;

  constructor(
    private readonly hub: LiveUpdateHub,
    models: LiveReadModel[],
  ) {
    this.byClassName = new Map(models.map((model) => [model.entity.meta.className, model]));
  }

  afterFlush(args: FlushEventArgs): void {
    const updates = new Map<string, LiveUpdate>();
    for (const changeSet of args.uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE && changeSet.type !== ChangeSetType.UPDATE) continue;
      const model = this.byClassName.get(changeSet.meta.className);
      const update = model?.toUpdate({ ...(changeSet.entity as object) });
      if (update) updates.set(`${update.kind}:${changeSet.getPrimaryKey(true) as string}`, update);
    }
    if (updates.size === 0) return;
    if (!args.em.isInTransaction()) {
      // Flushed in its own implicit transaction, which has committed by now.
      for (const update of updates.values()) this.hub.publish(update);
      return;
    }
    const collected = this.pending.get(args.em) ?? new Map<string, LiveUpdate>();
    for (const [key, update] of updates) collected.set(key, update);
    this.pending.set(args.em, collected);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const collected = this.pending.get(args.em);
    this.pending.delete(args.em);
    for (const update of collected?.values() ?? []) this.hub.publish(update);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    this.pending.delete(args.em);
  }
}

/** The hub fed by this ORM's commits of the given read models' rows. */
export function liveUpdatesFromCommits(orm: MikroORM, models: LiveReadModel[]): LiveUpdateHub {
  const hub = new LiveUpdateHub();
  orm.em.getEventManager().registerSubscriber(new ReadModelChangeFeed(hub, models));
  return hub;
}
