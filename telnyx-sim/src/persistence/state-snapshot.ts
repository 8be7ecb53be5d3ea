/**
 * The simulator's lasting world as one JSON document: accounts, their resources and the secrets a
 * restart must not change (root API key, webhook signing key, telephony token secret). Calls,
 * recordings and callee scripts are not in it: a restart ends them, as an outage would. Pure.
 */
import { RESOURCE_KINDS, type ResourceKind, type SimAccount, type StoredResource } from '../state/sim-state';

export const SNAPSHOT_FORMAT = 'curbe-telnyx-sim-state';
export const SNAPSHOT_VERSION = 1;

export interface SimSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  rootApiKey: string;
  /** PKCS#8 PEM of the Ed25519 key webhooks are signed with. */
  webhookSigningKey: string;
  /** Base64 of the HMAC secret telephony tokens are signed with. */
  telephonyTokenSecret: string;
  accounts: SimAccount[];
  resources: StoredResource[];
}

/** Why a stored document cannot be used; the caller names the file. */
export class InvalidSnapshot extends Error {}

export function serializeSnapshot(snapshot: SimSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export function parseSnapshot(text: string): SimSnapshot {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidSnapshot(`it is not valid JSON (${(error as Error).message})`);
  }
  const doc = requireObject(document, 'the document');
  if (doc['format'] !== SNAPSHOT_FORMAT) throw new InvalidSnapshot(`"format" is not "${SNAPSHOT_FORMAT}"`);
  if (doc['version'] !== SNAPSHOT_VERSION)
    throw new InvalidSnapshot(
      `"version" ${JSON.stringify(doc['version'])} is not supported (expected ${SNAPSHOT_VERSION})`,
    );
  const snapshot: SimSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    rootApiKey: requireString(doc['rootApiKey'], '"rootApiKey"'),
    webhookSigningKey: requireString(doc['webhookSigningKey'], '"webhookSigningKey"'),
    telephonyTokenSecret: requireString(doc['telephonyTokenSecret'], '"telephonyTokenSecret"'),
    accounts: requireArray(doc['accounts'], '"accounts"').map((a, i) => parseAccount(a, `accounts[${i}]`)),
    resources: requireArray(doc['resources'], '"resources"').map((r, i) => parseResource(r, `resources[${i}]`)),
  };
  checkReferences(snapshot);
  return snapshot;
}

function parseAccount(value: unknown, where: string): SimAccount {
  const a = requireObject(value, where);
  if (typeof a['isManager'] !== 'boolean') throw new InvalidSnapshot(`${where}.isManager is not a boolean`);
  const account: SimAccount = {
    id: requireString(a['id'], `${where}.id`),
    apiKey: requireString(a['apiKey'], `${where}.apiKey`),
    businessName: requireString(a['businessName'], `${where}.businessName`, { allowEmpty: true }),
    isManager: a['isManager'],
  };
  if (a['record'] !== undefined) account.record = requireObject(a['record'], `${where}.record`);
  if (a['webhookSigningKey'] !== undefined)
    account.webhookSigningKey = requireString(a['webhookSigningKey'], `${where}.webhookSigningKey`);
  return account;
}

function parseResource(value: unknown, where: string): StoredResource {
  const r = requireObject(value, where);
  const kind = r['kind'];
  if (!RESOURCE_KINDS.includes(kind as ResourceKind))
    throw new InvalidSnapshot(`${where}.kind ${JSON.stringify(kind)} is not a resource kind`);
  const record = requireObject(r['record'], `${where}.record`);
  requireString(record['id'], `${where}.record.id`);
  return {
    accountId: requireString(r['accountId'], `${where}.accountId`),
    kind: kind as ResourceKind,
    record: record as StoredResource['record'],
  };
}

/** Ids and keys must be unique, every resource must have an owner, and the root key must open the root account. */
function checkReferences(snapshot: SimSnapshot): void {
  const accountIds = new Set<string>();
  const apiKeys = new Set<string>();
  for (const account of snapshot.accounts) {
    if (accountIds.has(account.id)) throw new InvalidSnapshot(`account ${account.id} appears twice`);
    if (apiKeys.has(account.apiKey)) throw new InvalidSnapshot(`two accounts share an API key`);
    accountIds.add(account.id);
    apiKeys.add(account.apiKey);
  }
  if (!snapshot.accounts.some((a) => a.apiKey === snapshot.rootApiKey && a.isManager)) {
    throw new InvalidSnapshot('no manager account has "rootApiKey"');
  }
  const resourceIds = new Set<string>();
  for (const resource of snapshot.resources) {
    if (resourceIds.has(resource.record.id)) throw new InvalidSnapshot(`resource ${resource.record.id} appears twice`);
    if (!accountIds.has(resource.accountId))
      throw new InvalidSnapshot(`resource ${resource.record.id} belongs to unknown account ${resource.accountId}`);
    resourceIds.add(resource.record.id);
  }
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidSnapshot(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidSnapshot(`${what} is not an array`);
  return value;
}

function requireString(value: unknown, what: string, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string' || (!options.allowEmpty && value === ''))
    throw new InvalidSnapshot(`${what} is not a non-empty string`);
  return value;
}
