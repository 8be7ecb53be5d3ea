import type { EventSubscriber, FlushEventArgs, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { ActivationViewEntity, type ActivationView } from '@curbe-voice/projections/read-models/activation/index';
import { CallHistoryEntryEntity, type CallHistoryEntry } from '@curbe-voice/projections/read-models/call-history/index';
import { toCallView } from '../../slices/calls/history/call-view';
import { LiveUpdateHub, type LiveUpdate } from './live-update-hub';

const CALL = CallHistoryEntryEntity.meta.className;
const ACTIVATION = ActivationViewEntity.meta.className;

/**
 * Watches the read-model ORM: rows of the call history and the activation view written by the
 * projections are collected per transaction and published only once that transaction has committed
 * (a rolled-back batch is retried by the runner and must not be announced twice, or at all).
 */
class ReadModelChangeFeed implements EventSubscriber {
  private readonly pending = new WeakMap<object, Map<string, LiveUpdate>>();

  constructor(private readonly hub: LiveUpdateHub) {}

  afterFlush(args: FlushEventArgs): void {
    const updates = new Map<string, LiveUpdate>();
    for (const changeSet of args.uow.getChangeSets()) {
      if (changeSet.type !== 'create' && changeSet.type !== 'update') continue;
      const update = toUpdate(changeSet.meta.className, changeSet.entity as object);
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

/** The live update a changed read-model row makes, or null for rows nobody is told about. */
export function toUpdate(className: string, entity: object): LiveUpdate | null {
  if (className === CALL) {
    const row = { ...(entity as CallHistoryEntry) };
    if (!row.accountId) return null;
    return { kind: 'call', accountId: row.accountId, agentId: row.agentId, call: toCallView(row) };
  }
  if (className === ACTIVATION) {
    const row = { ...(entity as ActivationView) };
    return { kind: 'activation', accountId: row.accountId, activation: { ...row } };
  }
  return null;
}

const attached = new WeakMap<MikroORM, LiveUpdateHub>();

/** The hub fed by this ORM's commits (one per ORM, however many apps are built on it). */
export function liveUpdatesOf(orm: MikroORM): LiveUpdateHub {
  let hub = attached.get(orm);
  if (!hub) {
    hub = new LiveUpdateHub();
    orm.em.getEventManager().registerSubscriber(new ReadModelChangeFeed(hub));
    attached.set(orm, hub);
  }
  return hub;
}
