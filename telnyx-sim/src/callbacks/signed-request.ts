import type { BodySigner } from '../signing/account-signers';
import type { HttpMethod } from '../texml/texml-document';

/**
 * One signed request to a customer URL, the way Telnyx sends TeXML fetches and callbacks:
 * form-encoded body for POST, query string for GET, Ed25519 signature headers either way
 * (over the raw body, which is empty for GET).
 */

export interface SignedFormRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
}

export type SignedFormResponse = { ok: true; status: number; body: string } | { ok: false; error: string };

const MAX_BODY_CHARS = 64 * 1024;

export async function sendSignedForm(
  signer: BodySigner,
  request: SignedFormRequest,
  timeoutMs: number,
): Promise<SignedFormResponse> {
  const form = new URLSearchParams(request.params).toString();
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, error: `invalid URL: ${request.url}` };
  }
  if (request.method === 'GET') for (const [k, v] of Object.entries(request.params)) url.searchParams.append(k, v);
  const body = request.method === 'POST' ? form : '';
  const headers: Record<string, string> = { ...signer.sign(body), 'user-agent': 'TelnyxWebhooks/texml' };
  if (request.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: request.method === 'POST' ? body : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    const text = await response.text();
    return { ok: true, status: response.status, body: text.slice(0, MAX_BODY_CHARS) };
  } catch (error) {
    return { ok: false, error: describeFetchError(error) };
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (error.name === 'TimeoutError') return 'request timed out';
    if (cause instanceof Error) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}
