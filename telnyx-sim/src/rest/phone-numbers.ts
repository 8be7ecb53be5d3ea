/** Owned phone numbers: list with the spec's filters, read, attach to a connection, release. */
import type { FastifyInstance } from 'fastify';
import { newNumericId } from '../ids/telnyx-ids';
import type { StoredResource } from '../state/sim-state';
import { ownedConnectionName } from './connection-references';
import { pageOf } from './list-page';
import { fieldText, nowIso, withoutNulls } from './records';
import { serveOperation, type JsonObject, type OperationContext, type RestDeps } from './serve-operation';
import { notFound } from './telnyx-errors';

interface PhoneNumberFilter {
  tag?: string;
  phone_number?: string;
  status?: string;
  connection_id?: string;
  customer_reference?: string;
  country_iso_alpha2?: string | string[];
  without_tags?: 'true' | 'false';
  number_type?: { eq?: string };
  'voice.connection_name'?: { contains?: string; starts_with?: string; ends_with?: string; eq?: string };
}

interface UpdatePhoneNumberBody {
  connection_id?: string;
  tags?: string[];
  customer_reference?: string;
  external_pin?: string;
  billing_group_id?: string;
  hd_voice_enabled?: boolean;
  address_id?: string;
}

/** A purchased number as `GET /phone_numbers/{id}` returns it. */
export function newPhoneNumberRecord(
  e164: string,
  options: { connectionId?: string; connectionName?: string; customerReference?: string; tags?: string[] },
): StoredResource['record'] {
  const now = nowIso();
  return {
    id: newNumericId(),
    record_type: 'phone_number',
    phone_number: e164,
    status: 'active',
    tags: options.tags ?? [],
    external_pin: null,
    connection_id: options.connectionId ?? null,
    connection_name: options.connectionName ?? null,
    customer_reference: options.customerReference ?? null,
    billing_group_id: null,
    messaging_profile_id: null,
    messaging_profile_name: null,
    emergency_enabled: false,
    emergency_address_id: null,
    emergency_status: 'disabled',
    call_forwarding_enabled: true,
    cnam_listing_enabled: false,
    caller_id_name_enabled: false,
    call_recording_enabled: false,
    t38_fax_gateway_enabled: false,
    hd_voice_enabled: false,
    deletion_lock_enabled: false,
    inbound_call_screening: 'disabled',
    phone_number_type: 'local',
    country_iso_alpha2: 'US',
    source_type: 'number_order',
    purchased_at: now,
    activated_at: now,
    created_at: now,
    updated_at: now,
  };
}

export function registerPhoneNumbers(app: FastifyInstance, deps: RestDeps): void {
  serveOperation(app, deps, 'ListPhoneNumbers', ({ account, state, query }) => {
    const filter = (query['filter'] ?? {}) as PhoneNumberFilter;
    const items = state.list(account.id, 'phone_number').filter((r) => matches(r, filter));
    return { body: pageOf(items, query, { size: 20, sort: 'purchased_at' }) };
  });

  serveOperation(app, deps, 'RetrievePhoneNumber', (ctx) => ({ body: { data: owned(ctx) } }));

  serveOperation<UpdatePhoneNumberBody>(app, deps, 'UpdatePhoneNumber', (ctx) => {
    const record = owned(ctx);
    const { connection_id: connectionId, address_id: _address, ...rest } = ctx.body;
    const updated: JsonObject & { id: string } = { ...record, ...rest, updated_at: nowIso() };
    if (connectionId !== undefined) {
      // An empty connection_id detaches the number from its connection.
      updated['connection_id'] = connectionId === '' ? null : connectionId;
      updated['connection_name'] =
        connectionId === '' ? null : ownedConnectionName(ctx, connectionId, '/connection_id');
    }
    return { body: { data: ctx.state.put(ctx.account.id, 'phone_number', updated) } };
  });

  serveOperation(app, deps, 'DeletePhoneNumber', (ctx) => {
    const record = owned(ctx);
    ctx.state.delete(ctx.account.id, 'phone_number', record.id);
    return { body: { data: withoutNulls({ ...record, status: 'deleted', updated_at: nowIso() }) } };
  });
}

function owned(ctx: OperationContext<unknown>): StoredResource['record'] {
  const record = ctx.state.get(ctx.account.id, 'phone_number', ctx.params['id'] ?? '');
  if (!record) throw notFound();
  return record;
}

function matches(r: JsonObject, f: PhoneNumberFilter): boolean {
  const tags = (r['tags'] ?? []) as string[];
  const countries = f.country_iso_alpha2 === undefined ? undefined : ([] as string[]).concat(f.country_iso_alpha2);
  const name = fieldText(r['connection_name']);
  const byName = f['voice.connection_name'];
  return (
    (f.tag === undefined || tags.includes(f.tag)) &&
    (f.without_tags === undefined || (f.without_tags === 'true') === (tags.length === 0)) &&
    // Telnyx matches the digits given anywhere in the number ("+1305" and "305" both work).
    (f.phone_number === undefined || String(r['phone_number']).includes(f.phone_number.replace(/[^\d]/g, ''))) &&
    (f.status === undefined || r['status'] === f.status) &&
    (f.connection_id === undefined || r['connection_id'] === f.connection_id) &&
    (f.customer_reference === undefined || r['customer_reference'] === f.customer_reference) &&
    (countries === undefined || countries.includes(String(r['country_iso_alpha2']))) &&
    (f.number_type?.eq === undefined || r['phone_number_type'] === f.number_type.eq) &&
    (byName === undefined ||
      ((byName.eq === undefined || name === byName.eq) &&
        (byName.contains === undefined || name.includes(byName.contains)) &&
        (byName.starts_with === undefined || name.startsWith(byName.starts_with)) &&
        (byName.ends_with === undefined || name.endsWith(byName.ends_with))))
  );
}
