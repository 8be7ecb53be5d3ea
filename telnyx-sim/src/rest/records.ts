/** Small helpers for building and updating the stored API objects. */

type JsonObject = Record<string, unknown>;

export function nowIso(): string {
  return new Date().toISOString();
}

const isPlainObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** Nested objects merge key by key; arrays and scalars replace. Returns a new object. */
export function deepMerge<T extends JsonObject>(base: T, patch: JsonObject): T {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out as T;
}

/** Copy without `null` fields (for response schemas that type those fields as non-nullable). */
export function withoutNulls(record: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
}

/**
 * A stored field as text, for names, ids and sort keys: strings, numbers and booleans as they print, missing
 * values as '', anything structured as its JSON (never '[object Object]').
 */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}
