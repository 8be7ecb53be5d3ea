/**
 * Number orders, as Telnyx runs them: only numbers a search of this account offered can be ordered;
 * the order answers `pending` and completes later (src/rest/number-order-desk.ts), when the numbers
 * become the account's phone numbers (attached to `connection_id` when one is given) or the order fails.
 */
import type { FastifyInstance } from 'fastify';
import { newUuid } from '../ids/telnyx-ids';
import { ownedConnectionName } from './connection-references';
import { pageOf } from './list-page';
import type { NumberOrderDesk } from './number-order-desk';
import { nowIso } from './records';
import { serveOperation, type JsonObject, type RestDeps } from './serve-operation';
import { invalid, notFound } from './telnyx-errors';

interface CreateNumberOrderBody {
  phone_numbers?: { phone_number: string }[];
  connection_id?: string;
  customer_reference?: string;
  messaging_profile_id?: string;
  billing_group_id?: string;
}

const US_E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

export function registerNumberOrders(app: FastifyInstance, deps: RestDeps, desk: NumberOrderDesk): void {
  serveOperation<CreateNumberOrderBody>(app, deps, 'CreateNumberOrder', (ctx) => {
    const { account, state, body } = ctx;
    const wanted = body.phone_numbers ?? [];
    if (wanted.length === 0) throw invalid('/phone_numbers', 'You must provide at least 1 phone number.');
    const seen = new Set<string>();
    wanted.forEach(({ phone_number: e164 }, i) => {
      const pointer = `/phone_numbers/${i}/phone_number`;
      if (!US_E164.test(e164)) throw invalid(pointer, `${e164} is not a US number in E.164 format.`);
      if (seen.has(e164) || state.findPhoneNumber(e164) || !desk.wasOffered(account.id, e164)) {
        throw invalid(pointer, `${e164} is not available.`);
      }
      seen.add(e164);
    });
    if (body.connection_id) ownedConnectionName(ctx, body.connection_id, '/connection_id');
    for (const e164 of seen) desk.withdraw(account.id, e164);

    const now = nowIso();
    const orderNumbers = wanted.map(({ phone_number: e164 }) => ({
      id: newUuid(),
      record_type: 'number_order_phone_number',
      phone_number: e164,
      phone_number_type: 'local',
      country_code: 'US',
      status: 'pending',
      regulatory_requirements: [],
      requirements_met: true,
      requirements_status: 'pending',
    }));
    const order: JsonObject & { id: string } = {
      id: newUuid(),
      record_type: 'number_order',
      status: 'pending',
      phone_numbers: orderNumbers,
      phone_numbers_count: orderNumbers.length,
      requirements_met: true,
      sub_number_orders_ids: [newUuid()],
      created_at: now,
      updated_at: now,
    };
    for (const key of ['connection_id', 'customer_reference', 'messaging_profile_id', 'billing_group_id'] as const) {
      if (body[key] !== undefined) order[key] = body[key];
    }
    const placed = state.put(account.id, 'number_order', order);
    desk.schedule(account.id, placed.id);
    return { body: { data: placed } };
  });

  serveOperation(app, deps, 'RetrieveNumberOrder', ({ account, state, params }) => {
    const order = state.get(account.id, 'number_order', params['number_order_id'] ?? '');
    if (!order) throw notFound();
    return { body: { data: order } };
  });

  serveOperation(app, deps, 'ListNumberOrders', ({ account, state, query }) => {
    const filter = (query['filter'] ?? {}) as { status?: string; customer_reference?: string };
    const items = state
      .list(account.id, 'number_order')
      .filter(
        (o) =>
          (filter.status === undefined || o['status'] === filter.status) &&
          (filter.customer_reference === undefined || o['customer_reference'] === filter.customer_reference),
      )
      .map(({ phone_numbers: numbers, ...rest }) => ({
        ...rest,
        // The list schema (NumberOrder) carries only id and phone_number per ordered number.
        phone_numbers: (numbers as JsonObject[]).map((n) => ({ id: n['id'], phone_number: n['phone_number'] })),
      }));
    return { body: pageOf(items, query, { size: 20, sort: 'created_at' }) };
  });
}
