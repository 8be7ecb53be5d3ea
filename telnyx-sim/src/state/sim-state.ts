/**
 * The simulator's in-memory world: accounts and the resources each one owns. The REST API writes it;
 * the call engine and the WebRTC gateway read it (numbers → applications → webhook URLs, SIP users).
 *
 * Every resource is stored as the JSON object the REST API returns for it (Telnyx's response shape),
 * plus the id of the account that owns it. Keep the typed fields below in step with those objects.
 */

export interface SimAccount {
  /** Telnyx-style UUID of the (managed) account. */
  id: string;
  apiKey: string;
  businessName: string;
  /** The root account (the simulator's configured key) may create managed accounts. */
  isManager: boolean;
  /** Full `managed_accounts` API object for managed accounts; undefined for the root account. */
  record?: Record<string, unknown>;
  /** PKCS#8 PEM of the account's active webhook signing key (Ed25519); the root account may have none. */
  webhookSigningKey?: string;
}

export const RESOURCE_KINDS = [
  'outbound_voice_profile',
  'texml_application',
  'credential_connection',
  'telephony_credential',
  'phone_number',
  'number_order',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface StoredResource {
  accountId: string;
  kind: ResourceKind;
  /** The API object exactly as returned by the REST API (`data`). */
  record: Record<string, unknown> & { id: string };
}

export class SimState {
  private readonly changeListeners = new Set<() => void>();
  /** Writes (set/delete/clear) are reported to `onChange` listeners, so the world can be saved. */
  readonly accounts: Map<string, SimAccount> = new ObservedMap(() => this.changed());
  readonly resources: Map<string, StoredResource> = new ObservedMap(() => this.changed());

  /** Calls `listener` after every write to accounts or resources; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  accountByApiKey(apiKey: string): SimAccount | undefined {
    for (const account of this.accounts.values()) if (account.apiKey === apiKey) return account;
    return undefined;
  }

  put(accountId: string, kind: ResourceKind, record: StoredResource['record']): StoredResource['record'] {
    this.resources.set(record.id, { accountId, kind, record });
    return record;
  }

  /** A resource of the given kind visible to the account (another account's resource is "not found"). */
  get(accountId: string, kind: ResourceKind, id: string): StoredResource['record'] | undefined {
    const found = this.resources.get(id);
    return found && found.kind === kind && found.accountId === accountId ? found.record : undefined;
  }

  list(accountId: string, kind: ResourceKind): StoredResource['record'][] {
    const out: StoredResource['record'][] = [];
    for (const r of this.resources.values()) if (r.kind === kind && r.accountId === accountId) out.push(r.record);
    return out;
  }

  delete(accountId: string, kind: ResourceKind, id: string): boolean {
    return this.get(accountId, kind, id) !== undefined && this.resources.delete(id);
  }

  /** Across all accounts: the owned phone number with this E.164 value (for inbound calls). */
  findPhoneNumber(e164: string): StoredResource | undefined {
    for (const r of this.resources.values())
      if (r.kind === 'phone_number' && r.record['phone_number'] === e164) return r;
    return undefined;
  }

  /** Across all accounts: a connection/application by id (texml_application or credential_connection). */
  findConnection(id: string): StoredResource | undefined {
    const r = this.resources.get(id);
    return r && (r.kind === 'texml_application' || r.kind === 'credential_connection') ? r : undefined;
  }

  /** Across all accounts: the telephony credential with this SIP username (WebRTC login, `<Sip>` dial). */
  findCredentialBySipUsername(sipUsername: string): StoredResource | undefined {
    for (const r of this.resources.values())
      if (r.kind === 'telephony_credential' && r.record['sip_username'] === sipUsername) return r;
    return undefined;
  }
}

/** A Map that reports every write. Stored records are replaced, never edited in place, so writes are all there is. */
class ObservedMap<K, V> extends Map<K, V> {
  constructor(private readonly onWrite: () => void) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    this.onWrite();
    return this;
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.onWrite();
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.onWrite();
  }
}
