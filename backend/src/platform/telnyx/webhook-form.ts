/** A webhook's form body that lacks what we need: answered 400 (after the signature was checked). */
export class MalformedWebhookError extends Error {
  readonly statusCode = 400;
}

export type WebhookForm = Record<string, string>;

/** Telnyx's TeXML webhooks are `application/x-www-form-urlencoded`. */
export function parseWebhookForm(rawBody: string, contentType: string | undefined): WebhookForm {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new MalformedWebhookError(`Expected an application/x-www-form-urlencoded body, got ${type || 'none'}`);
  }
  const form: WebhookForm = {};
  for (const [key, value] of new URLSearchParams(rawBody)) form[key] = value;
  return form;
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
