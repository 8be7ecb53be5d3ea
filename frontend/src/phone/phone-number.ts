import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Agents are in the US unless the number they type says otherwise (a leading +). */
export const DEFAULT_COUNTRY: CountryCode = 'US';

/** Characters a dial string may hold: digits, a leading plus, and the DTMF keys * and #. */
export function keepDialable(raw: string): string {
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/[^0-9*#]/g, '');
}

/** The number as the agent types it, formatted the way people write it: "(312) 555-0199", "+44 20 7183 8750". */
export function formatAsYouType(raw: string, country: CountryCode = DEFAULT_COUNTRY): string {
  const dialable = keepDialable(raw);
  if (dialable === '' || /[*#]/.test(dialable)) return dialable;
  return new AsYouType(country).input(dialable);
}

export type DialTarget = { ok: true; e164: string } | { ok: false; reason: string };

/** Whether what was typed can be called, and its E.164 form ("+13125550199") when it can. */
export function toE164(raw: string, country: CountryCode = DEFAULT_COUNTRY): DialTarget {
  const dialable = keepDialable(raw);
  if (dialable === '' || dialable === '+') return { ok: false, reason: 'Type a phone number.' };
  if (/[*#]/.test(dialable)) return { ok: false, reason: 'A phone number has no * or #.' };
  const parsed = parsePhoneNumberFromString(dialable, country);
  if (!parsed || !parsed.isPossible()) return { ok: false, reason: 'That number is too short or too long.' };
  if (!parsed.isValid()) return { ok: false, reason: 'That is not a valid phone number.' };
  return { ok: true, e164: parsed.number };
}

/** An E.164 number for reading: national format at home, international abroad; anything else unchanged. */
export function formatForDisplay(number: string | null | undefined, country: CountryCode = DEFAULT_COUNTRY): string {
  if (!number) return 'Unknown number';
  const parsed = parsePhoneNumberFromString(number, country);
  if (!parsed || !parsed.isValid()) return number;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
