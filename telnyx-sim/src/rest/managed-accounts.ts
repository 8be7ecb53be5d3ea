/** Managed accounts: the root (manager) account creates them; each gets its own API key and sees only its own resources. */
import type { FastifyInstance } from 'fastify';
import { newApiKey, newUuid, randomAlphanumeric } from '../ids/telnyx-ids';
import { WebhookSigner } from '../signing/webhook-signer';
import type { SimAccount } from '../state/sim-state';
import { containsIgnoringCase, pageOf } from './list-page';
import { nowIso } from './records';
import { serveOperation, type JsonObject, type RestDeps } from './serve-operation';
import { forbidden, notFound } from './telnyx-errors';

interface CreateManagedAccountBody {
  business_name: string;
  email?: string;
  password?: string;
  managed_account_allow_custom_pricing?: boolean;
  rollup_billing?: boolean;
}

export function registerManagedAccounts(app: FastifyInstance, deps: RestDeps): void {
  serveOperation<CreateManagedAccountBody>(app, deps, 'CreateManagedAccount', ({ account, state, body }) => {
    if (!account.isManager) throw forbidden('Only manager accounts can create managed accounts.');
    const id = newUuid();
    const email = body.email ?? `${slug(body.business_name)}-${id.slice(0, 8)}@managed.example.com`;
    const now = nowIso();
    const record: JsonObject = {
      record_type: 'managed_account',
      id,
      email,
      api_key: newApiKey(),
      api_user: email,
      api_token: randomAlphanumeric(22),
      manager_account_id: account.id,
      organization_name: body.business_name,
      managed_account_allow_custom_pricing: body.managed_account_allow_custom_pricing ?? false,
      rollup_billing: body.rollup_billing ?? false,
      created_at: now,
      updated_at: now,
    };
    const managed: SimAccount = {
      id,
      apiKey: record['api_key'] as string,
      businessName: body.business_name,
      isManager: false,
      record,
      // Its own webhook signing key, as each Telnyx account has (Keys & Credentials in its portal).
      webhookSigningKey: WebhookSigner.generate().privateKeyPem(),
    };
    state.accounts.set(id, managed);
    return { body: { data: record } };
  });

  serveOperation(app, deps, 'ListManagedAccounts', ({ account, state, query }) => {
    const filter = (query['filter'] ?? {}) as {
      email?: { contains?: string; eq?: string };
      organization_name?: { contains?: string; eq?: string };
    };
    const listed = managedBy(account, state.accounts.values())
      .filter(
        (r) => matchesText(r['email'], filter.email) && matchesText(r['organization_name'], filter.organization_name),
      )
      .map(listing);
    return { body: pageOf(listed, query, { size: 20, sort: 'created_at' }) };
  });

  serveOperation(app, deps, 'RetrieveManagedAccount', ({ account, state, params }) => {
    const found = managedBy(account, state.accounts.values()).find((r) => r['id'] === params['id']);
    if (!found) throw notFound();
    return { body: { data: found } };
  });
}

function managedBy(manager: SimAccount, accounts: Iterable<SimAccount>): JsonObject[] {
  const out: JsonObject[] = [];
  for (const a of accounts) if (a.record && a.record['manager_account_id'] === manager.id) out.push(a.record);
  return out;
}

/** The list view leaves out the managed account's credentials and balance, as Telnyx's listing does. */
function listing(record: JsonObject): JsonObject {
  const { api_key: _key, api_token: _token, balance: _balance, ...rest } = record;
  return rest;
}

function matchesText(value: unknown, filter: { contains?: string; eq?: string } | undefined): boolean {
  if (!filter) return true;
  if (filter.eq !== undefined && value !== filter.eq) return false;
  return filter.contains === undefined || containsIgnoringCase(value, filter.contains);
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 30) || 'account'
  );
}
