import type { SimState } from '../state/sim-state';
import { WebhookSigner, type TelnyxSignatureHeaders } from './webhook-signer';

/** What signs one request: the active key of an account, read when the request is sent. */
export interface BodySigner {
  sign(rawBody: string): TelnyxSignatureHeaders;
}

/**
 * Each Telnyx account signs its webhooks with its own Ed25519 key (shown in its portal under Keys &
 * Credentials). Managed accounts keep their active key's PKCS#8 PEM on their record in the state, so
 * it is saved like the rest of the world; the root account uses the simulator's key until it is rotated.
 */
export class AccountSigners {
  private readonly cache = new Map<string, WebhookSigner>();

  constructor(
    private readonly state: SimState,
    private readonly rootSigner: WebhookSigner,
  ) {}

  /** The signer of the account's active key; an account without one gets a key now. */
  signerFor(accountId: string): WebhookSigner {
    const account = this.state.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    if (!account.webhookSigningKey) {
      if (!account.record) return this.rootSigner;
      return this.rotate(accountId);
    }
    return this.fromPem(account.webhookSigningKey);
  }

  /** Signs with whatever key is active for the account when each request goes out. */
  lazySignerFor(accountId: string): BodySigner {
    return { sign: (rawBody) => this.signerFor(accountId).sign(rawBody) };
  }

  /** A new key pair becomes the account's active key; the old one signs nothing from now on. */
  rotate(accountId: string): WebhookSigner {
    const account = this.state.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    const signer = WebhookSigner.generate();
    const pem = signer.privateKeyPem();
    this.cache.set(pem, signer);
    this.state.accounts.set(accountId, { ...account, webhookSigningKey: pem });
    return signer;
  }

  private fromPem(pem: string): WebhookSigner {
    let signer = this.cache.get(pem);
    if (!signer) {
      signer = WebhookSigner.fromPrivateKeyPem(pem);
      this.cache.set(pem, signer);
    }
    return signer;
  }
}
