/**
 * The life of number orders after `POST /number_orders` answered `pending`: which numbers an account
 * may order (only those a search of that account offered, as Telnyx reserves what it shows), and the
 * asynchronous completion that makes the numbers the account's (`success`) or not (`failure`).
 *
 * Tests steer it through `/sim/number-orders` (src/rest/number-order-routes.ts): how long orders
 * take, and which numbers fail (with the reason Telnyx gives in the order's requirement status).
 */
import type { SimState, StoredResource } from '../state/sim-state';
import { ownedConnectionName } from './connection-references';
import { nowIso } from './records';
import { newPhoneNumberRecord } from './phone-numbers';
import type { JsonObject } from './serve-operation';

export interface NumberOrderSettings {
  /** Wall-clock ms between an order being placed and its completion. */
  completeAfterMs: number;
}

type OrderRecord = StoredResource['record'];

export class NumberOrderDesk {
  readonly settings: NumberOrderSettings = { completeAfterMs: 200 };
  private readonly offered = new Map<string, Set<string>>();
  private readonly failing = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly completionListeners = new Set<(accountId: string, order: OrderRecord) => void>();

  constructor(private readonly state: SimState) {}

  /** Orders left pending by a stopped simulator complete once it runs again. */
  resumePending(): void {
    for (const r of this.state.resources.values())
      if (r.kind === 'number_order' && r.record['status'] === 'pending') this.schedule(r.accountId, r.record.id);
  }

  offer(accountId: string, numbers: string[]): void {
    const set = this.offered.get(accountId) ?? new Set<string>();
    for (const n of numbers) set.add(n);
    this.offered.set(accountId, set);
  }

  wasOffered(accountId: string, e164: string): boolean {
    return this.offered.get(accountId)?.has(e164) ?? false;
  }

  /** An order took the offered number: it is not offered twice. */
  withdraw(accountId: string, e164: string): void {
    this.offered.get(accountId)?.delete(e164);
  }

  /** The number's next order fails, with `reason` as its requirement status detail. */
  failNext(e164: string, reason: string): void {
    this.failing.set(e164, reason);
  }

  onComplete(listener: (accountId: string, order: OrderRecord) => void): () => void {
    this.completionListeners.add(listener);
    return () => this.completionListeners.delete(listener);
  }

  schedule(accountId: string, orderId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.complete(accountId, orderId);
    }, this.settings.completeAfterMs);
    timer.unref();
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private complete(accountId: string, orderId: string): void {
    const order = this.state.get(accountId, 'number_order', orderId);
    if (!order || order['status'] !== 'pending') return;
    const connectionId = typeof order['connection_id'] === 'string' ? order['connection_id'] : undefined;
    const numbers = (order['phone_numbers'] as JsonObject[]).map((n) => this.completeNumber(accountId, order, n));
    const succeeded = numbers.some((n) => n['status'] === 'success');
    const done: OrderRecord = {
      ...order,
      status: succeeded ? 'success' : 'failure',
      requirements_met: numbers.every((n) => n['requirements_met'] === true),
      phone_numbers: numbers,
      updated_at: nowIso(),
    };
    if (connectionId === undefined) delete done['connection_id'];
    this.state.put(accountId, 'number_order', done);
    for (const listener of this.completionListeners) listener(accountId, done);
  }

  private completeNumber(accountId: string, order: OrderRecord, n: JsonObject): JsonObject {
    const e164 = String(n['phone_number']);
    const reason = this.failing.get(e164);
    this.failing.delete(e164);
    // Sold to another account meanwhile: the order cannot be filled either.
    if (reason !== undefined || this.state.findPhoneNumber(e164)) {
      return {
        ...n,
        status: 'failure',
        requirements_met: false,
        requirements_status: 'requirement-info-exception',
        regulatory_requirements: [
          { field_type: 'textual', field_value: reason ?? `${e164} is no longer available`, status: 'declined' },
        ],
      };
    }
    const connectionId = typeof order['connection_id'] === 'string' ? order['connection_id'] : undefined;
    this.state.put(
      accountId,
      'phone_number',
      newPhoneNumberRecord(e164, {
        connectionId,
        connectionName: connectionId ? this.connectionName(accountId, connectionId) : undefined,
        customerReference: typeof order['customer_reference'] === 'string' ? order['customer_reference'] : undefined,
      }),
    );
    return { ...n, status: 'success', requirements_met: true, requirements_status: 'approved' };
  }

  /** The connection's name, or none when it was deleted while the order was pending. */
  private connectionName(accountId: string, connectionId: string): string | undefined {
    const account = this.state.accounts.get(accountId);
    if (!account) return undefined;
    try {
      return ownedConnectionName({ account, state: this.state }, connectionId, '/connection_id');
    } catch {
      return undefined;
    }
  }
}
