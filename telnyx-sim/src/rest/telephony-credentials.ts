/** Telephony credentials: the SIP logins web phones use; Telnyx generates the user name and password. */
import type { FastifyInstance } from 'fastify';
import { newSipPassword, newSipUsername, newUuid } from '../ids/telnyx-ids';
import { pageOf } from './list-page';
import { nowIso } from './records';
import { serveOperation, type JsonObject, type RestDeps } from './serve-operation';
import { invalid, notFound } from './telnyx-errors';
import { issueTelephonyToken } from './telephony-tokens';

interface CreateCredentialBody {
  connection_id: string;
  name?: string;
  expires_at?: string;
  tag?: string;
}

export function registerTelephonyCredentials(app: FastifyInstance, deps: RestDeps): void {
  serveOperation<CreateCredentialBody>(app, deps, 'CreateTelephonyCredential', ({ account, state, body }) => {
    // A credential must hang off a credential connection; a TeXML application id is refused like Telnyx does.
    if (!state.get(account.id, 'credential_connection', body.connection_id)) {
      throw invalid('/connection_id', `Credential connection ${body.connection_id} was not found on this account.`);
    }
    if (body.expires_at !== undefined && Number.isNaN(Date.parse(body.expires_at))) {
      throw invalid('/expires_at', 'expires_at must be an ISO 8601 date-time.');
    }
    const now = nowIso();
    const record: JsonObject & { id: string } = {
      id: newUuid(),
      record_type: 'credential',
      name: body.name ?? '',
      resource_id: `connection:${body.connection_id}`,
      user_id: account.id,
      sip_username: newSipUsername(),
      sip_password: newSipPassword(),
      expired: false,
      created_at: now,
      updated_at: now,
    };
    if (body.expires_at !== undefined) record['expires_at'] = body.expires_at;
    // The spec has `tag` on create and `filter[tag]` on list but no tag in the response schema;
    // it is kept on the object (the schema allows extra fields) so lists can filter by it.
    if (body.tag !== undefined) record['tag'] = body.tag;
    return { body: { data: state.put(account.id, 'telephony_credential', record) } };
  });

  serveOperation(app, deps, 'FindTelephonyCredentials', ({ account, state, query }) => {
    const filter = (query['filter'] ?? {}) as Record<string, string | undefined>;
    const items = state
      .list(account.id, 'telephony_credential')
      .map(withExpiry)
      .filter((r) => {
        const status = r['expired'] ? 'expired' : 'active';
        return (
          (filter['tag'] === undefined || r['tag'] === filter['tag']) &&
          (filter['name'] === undefined || r['name'] === filter['name']) &&
          (filter['sip_username'] === undefined || r['sip_username'] === filter['sip_username']) &&
          (filter['resource_id'] === undefined || r['resource_id'] === filter['resource_id']) &&
          (filter['status'] === undefined || filter['status'] === status)
        );
      });
    return { body: pageOf(items, query, { size: 50, sort: 'created_at' }) };
  });

  serveOperation(app, deps, 'GetTelephonyCredential', ({ account, state, params }) => {
    const record = state.get(account.id, 'telephony_credential', params['id'] ?? '');
    if (!record) throw notFound();
    return { body: { data: withExpiry(record) } };
  });

  serveOperation(app, deps, 'DeleteTelephonyCredential', ({ account, state, params }) => {
    const record = state.get(account.id, 'telephony_credential', params['id'] ?? '');
    if (!record) throw notFound();
    state.delete(account.id, 'telephony_credential', record.id);
    return { body: { data: withExpiry(record) } };
  });

  serveOperation(app, deps, 'CreateTelephonyCredentialToken', async ({ account, state, params }) => {
    const record = state.get(account.id, 'telephony_credential', params['id'] ?? '');
    if (!record) throw notFound();
    if (withExpiry(record)['expired']) throw invalid('/id', 'The credential has expired.');
    return { body: await issueTelephonyToken(record.id), contentType: 'text/plain' };
  });
}

/** `expired` reflects `expires_at` at the time of the request. */
function withExpiry<T extends JsonObject>(record: T): T {
  const expiresAt = record['expires_at'];
  const expired = typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now();
  return expired === record['expired'] ? record : { ...record, expired };
}
