import { isSensitiveField, REDACTED } from '../../platform/logging/redact-secrets';

/**
 * Event data as an auditor may see it: the value of any field that holds a secret — sealed secrets,
 * ciphertexts, API keys, passwords, tokens — is replaced by "[redacted]", at any depth. SIP
 * usernames and Telnyx ids stay readable: they are what an audit is about.
 */
const AUDIT_ONLY_SENSITIVE = /sealed|ciphertext/i;

const isSecretField = (name: string): boolean => isSensitiveField(name) || AUDIT_ONLY_SENSITIVE.test(name);

/** A `SealedSecret`-shaped object is redacted whole, whatever field holds it. */
const looksSealed = (value: Record<string, unknown>): boolean => 'ciphertext' in value && 'keyId' in value;

export function redactEventData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactEventData);
  if (value === null || typeof value !== 'object') return value;
  if (looksSealed(value as Record<string, unknown>)) return REDACTED;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, isSecretField(key) ? REDACTED : redactEventData(field)]),
  );
}
