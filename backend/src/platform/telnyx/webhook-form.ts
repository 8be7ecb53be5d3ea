import { webhookFieldProblem } from './webhook-fields';

/** A webhook's form body that lacks what we need: answered 400 (after the signature was checked). */
export class MalformedWebhookError extends Error {
  readonly statusCode = 400;
}

export type WebhookForm = Record<string, string>;

/**
 * Telnyx's TeXML webhooks are `application/x-www-form-urlencoded`. Every field is checked here, before any
 * route reads it: a signed body that Telnyx would never send (control characters, absurd lengths or numbers,
 * ids that are not ids) is refused with 400 naming the field, and nothing of it is stored.
 */
export function parseWebhookForm(rawBody: string, contentType: string | undefined): WebhookForm {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new MalformedWebhookError(`Expected an application/x-www-form-urlencoded body, got ${type || 'none'}`);
  }
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rawBody)) fields.set(key, value);
  const problem = webhookFieldProblem(fields);
  if (problem) throw new MalformedWebhookError(problem);
  // No prototype: a field named `__proto__` or `constructor` is only ever a field.
  return Object.assign(Object.create(null) as WebhookForm, Object.fromEntries(fields));
}

/** The named fields, each present and non-empty; one error listing all that are missing. */
export function requireFields<K extends string>(form: WebhookForm, names: readonly K[]): Record<K, string> {
  const missing = names.filter((name) => !form[name]?.trim());
  if (missing.length > 0)
    throw new MalformedWebhookError(`Missing webhook field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  return Object.fromEntries(names.map((name) => [name, form[name]!.trim()])) as Record<K, string>;
}

/** A whole number field, or null when absent; a present but bad value is malformed. */
export function optionalInteger(form: WebhookForm, name: string): number | null {
  const raw = form[name]?.trim();
  if (!raw) return null;
  if (!/^\d{1,10}$/.test(raw))
    throw new MalformedWebhookError(`${name} must be a whole number, got "${raw.slice(0, 40)}"`);
  return Number(raw);
}

export function optionalText(form: WebhookForm, name: string): string | null {
  const raw = form[name]?.trim();
  return raw ? raw : null;
}
