/**
 * A simulator world kept in a state file, so a restart meets the same accounts, resources, API keys
 * and signing keys its users already hold (as they would at the real Telnyx). Loads the file (or
 * starts a new world when there is none), then saves shortly after every change to accounts or
 * resources and once more on close.
 */
import { createPrivateKey } from 'node:crypto';
import { newApiKey } from '../ids/telnyx-ids';
import { telephonyTokenSecret, useTelephonyTokenSecret } from '../rest/telephony-tokens';
import { WebhookSigner } from '../signing/webhook-signer';
import { SimState } from '../state/sim-state';
import { CoalescingSaver } from './coalescing-saver';
import { readStateFile, writeStateFile } from './state-file';
import {
  InvalidSnapshot,
  parseSnapshot,
  serializeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SimSnapshot,
} from './state-snapshot';

export interface PersistedWorldOptions {
  path: string;
  /** Overrides the stored root key (the root account keeps its id and what it manages). */
  rootApiKey?: string;
  /** Default 25 ms. */
  saveDelayMs?: number;
}

export interface PersistedWorld {
  state: SimState;
  signer: WebhookSigner;
  rootApiKey: string;
  /** Writes the file now (creating it when it did not exist yet). */
  saveNow(): Promise<void>;
  /** Writes what is still pending and stops following changes. */
  close(): Promise<void>;
}

/** The state file cannot be used. Nothing is overwritten: fix or remove the file, then start again. */
export class StateFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(
      `Telnyx simulator state file ${path} cannot be used: ${reason}. Fix it, or remove it to start with an empty simulator.`,
    );
    this.name = 'StateFileError';
  }
}

export async function openPersistedWorld(options: PersistedWorldOptions): Promise<PersistedWorld> {
  const { path } = options;
  const stored = await loadSnapshot(path);
  const state = new SimState();
  let signer: WebhookSigner;
  let rootApiKey: string;
  if (stored) {
    for (const account of stored.accounts) state.accounts.set(account.id, account);
    for (const resource of stored.resources) state.resources.set(resource.record.id, resource);
    signer = restoreSigner(path, stored.webhookSigningKey);
    useTelephonyTokenSecret(restoreTokenSecret(path, stored.telephonyTokenSecret));
    rootApiKey = options.rootApiKey ?? stored.rootApiKey;
    if (rootApiKey !== stored.rootApiKey) rekeyRootAccount(state, stored.rootApiKey, rootApiKey, path);
  } else {
    signer = WebhookSigner.generate();
    rootApiKey = options.rootApiKey ?? newApiKey();
  }
  // Taken once: another simulator in this process must not change what this file holds.
  const tokenSecret = telephonyTokenSecret().toString('base64');
  const webhookSigningKey = signer.privateKeyPem();

  const snapshot = (): SimSnapshot => ({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    rootApiKey,
    webhookSigningKey,
    telephonyTokenSecret: tokenSecret,
    accounts: [...state.accounts.values()],
    resources: [...state.resources.values()],
  });
  const saver = new CoalescingSaver({
    save: () => writeStateFile(path, serializeSnapshot(snapshot())),
    delayMs: options.saveDelayMs ?? 25,
    onError: (error) =>
      process.emitWarning(
        `Saving the Telnyx simulator state to ${path} failed (${(error as Error).message}); it is retried on the next change`,
      ),
  });
  const stopFollowing = state.onChange(() => saver.schedule());

  return {
    state,
    signer,
    rootApiKey,
    saveNow: () => {
      saver.schedule();
      return saver.flush();
    },
    close: async () => {
      stopFollowing();
      await saver.flush();
    },
  };
}

async function loadSnapshot(path: string): Promise<SimSnapshot | undefined> {
  let text: string | undefined;
  try {
    text = await readStateFile(path);
  } catch (error) {
    throw new StateFileError(path, `it cannot be read (${(error as Error).message})`);
  }
  if (text === undefined) return undefined;
  try {
    return parseSnapshot(text);
  } catch (error) {
    if (error instanceof InvalidSnapshot) throw new StateFileError(path, error.message);
    throw error;
  }
}

function restoreSigner(path: string, pem: string): WebhookSigner {
  try {
    if (createPrivateKey(pem).asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return WebhookSigner.fromPrivateKeyPem(pem);
  } catch (error) {
    throw new StateFileError(
      path,
      `"webhookSigningKey" is not an Ed25519 private key in PKCS#8 PEM (${(error as Error).message})`,
    );
  }
}

function restoreTokenSecret(path: string, base64: string): Buffer {
  const secret = Buffer.from(base64, 'base64');
  if (secret.toString('base64') !== base64 || secret.length < 64) {
    throw new StateFileError(path, '"telephonyTokenSecret" is not at least 64 bytes of base64');
  }
  return secret;
}

/** A root key given at start replaces the stored one on the same root account. */
function rekeyRootAccount(state: SimState, storedKey: string, newKey: string, path: string): void {
  if (state.accountByApiKey(newKey))
    throw new StateFileError(path, 'the root API key given at start is the key of another account in it');
  const root = state.accountByApiKey(storedKey)!;
  state.accounts.set(root.id, { ...root, apiKey: newKey });
}
