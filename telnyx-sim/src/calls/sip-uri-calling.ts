import type { SimState, StoredResource } from '../state/sim-state';

/**
 * Telnyx's SIP URI calling gate: a call to `sip:<user>@sip.telnyx.com` reaches a credential only when
 * the credential connection it belongs to allows it (`sip_uri_calling_preference`): `disabled` (the
 * default) refuses every such call, `internal` admits calls placed from the same Telnyx account,
 * `unrestricted` admits everyone.
 */

export type SipUriVerdict =
  /** Not a Telnyx SIP user (another domain, or nobody by that name): the far end decides. */
  { kind: 'not-telnyx-user' } | { kind: 'admitted' } | { kind: 'refused'; preference: string };

const TELNYX_SIP_DOMAIN = 'sip.telnyx.com';

export function sipUriVerdict(state: SimState, uri: string, callerAccountId: string): SipUriVerdict {
  const match = /^sips?:([^@]+)@([^;?>]+)/i.exec(uri.trim());
  if (!match || match[2]?.toLowerCase() !== TELNYX_SIP_DOMAIN) return { kind: 'not-telnyx-user' };
  const connection = connectionOfSipUser(state, match[1] ?? '');
  if (!connection) return { kind: 'not-telnyx-user' };
  const preference = connection.record['sip_uri_calling_preference'];
  if (preference === 'unrestricted') return { kind: 'admitted' };
  if (preference === 'internal' && connection.accountId === callerAccountId) return { kind: 'admitted' };
  return { kind: 'refused', preference: typeof preference === 'string' ? preference : 'disabled' };
}

/** The credential connection a SIP user name belongs to: a telephony credential's, or the connection's own login. */
function connectionOfSipUser(state: SimState, sipUsername: string): StoredResource | undefined {
  const credential = state.findCredentialBySipUsername(sipUsername);
  const connectionId = credential ? credentialConnectionId(credential.record) : undefined;
  if (connectionId !== undefined) {
    const connection = state.findConnection(connectionId);
    return connection?.kind === 'credential_connection' ? connection : undefined;
  }
  for (const r of state.resources.values())
    if (r.kind === 'credential_connection' && r.record['user_name'] === sipUsername) return r;
  return undefined;
}

/** Telnyx names a credential's connection `resource_id: "connection:<id>"`. */
export function credentialConnectionId(record: Record<string, unknown>): string | undefined {
  if (typeof record['connection_id'] === 'string') return record['connection_id'];
  const resource = record['resource_id'];
  return typeof resource === 'string' && resource.startsWith('connection:')
    ? resource.slice('connection:'.length)
    : undefined;
}
