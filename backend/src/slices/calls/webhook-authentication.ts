import type { WebhookKeyDirectory } from '../accounts';
import { TelnyxSignatureVerifier, type SignatureCheck } from '../../platform/telnyx/webhook-signature';

type Headers = Record<string, string | string[] | undefined>;

export interface WebhookRequest {
  rawBody: string;
  headers: Headers;
  query: unknown;
}

/**
 * Whether a webhook comes from Telnyx for one of our accounts: the `AccountSid` it names (TeXML form
 * field, or query parameter) must be the Telnyx account of one of our agencies, and the signature must
 * verify with a key that account entered or with the manager's key (TELNYX_PUBLIC_KEY). Keys are
 * parsed once and kept; the account's keys come from the directory's memory.
 */
export class WebhookAuthentication {
  private readonly verifiers = new Map<string, TelnyxSignatureVerifier>();

  constructor(
    private readonly managerPublicKey: string,
    private readonly directory: WebhookKeyDirectory,
  ) {
    this.verifierFor(managerPublicKey);
  }

  async check(request: WebhookRequest): Promise<SignatureCheck> {
    const accountSid = accountSidOf(request);
    if (!accountSid) return { ok: false, reason: 'no AccountSid' };
    const first = this.checkWith(await this.directory.lookup(accountSid), accountSid, request);
    if (first.ok) return first;
    // What we hold may be a moment old (a key just entered, an account just registered): read again once.
    return this.checkWith(await this.directory.lookup(accountSid, { fresh: true }), accountSid, request);
  }

  private checkWith(
    account: { publicKeys: string[] } | undefined,
    accountSid: string,
    request: WebhookRequest,
  ): SignatureCheck {
    if (!account) return { ok: false, reason: `unknown Telnyx account ${accountSid.slice(0, 64)}` };
    let result: SignatureCheck = { ok: false, reason: 'no key' };
    for (const key of [...account.publicKeys, this.managerPublicKey]) {
      const verifier = this.verifierFor(key);
      if (!verifier) continue;
      result = verifier.check(request.rawBody, request.headers);
      if (result.ok) return result;
    }
    return result;
  }

  private verifierFor(publicKey: string): TelnyxSignatureVerifier | undefined {
    let verifier = this.verifiers.get(publicKey);
    if (!verifier) {
      try {
        verifier = new TelnyxSignatureVerifier(publicKey);
      } catch {
        return undefined;
      }
      this.verifiers.set(publicKey, verifier);
    }
    return verifier;
  }
}

function accountSidOf(request: WebhookRequest): string | undefined {
  const fromForm = new URLSearchParams(request.rawBody).get('AccountSid')?.trim();
  if (fromForm) return fromForm;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['AccountSid'];
  return typeof fromQuery === 'string' && fromQuery.trim() ? fromQuery.trim() : undefined;
}
