/**
 * JSON with object keys sorted at every depth, so the same value always gives the same text. The
 * value first goes through a JSON round trip, exactly like the store's own serialisation: what is
 * hashed at append time is what a reader gets back (`toJSON`, dropped `undefined` fields and all).
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('Value is not JSON-serialisable');
  return JSON.stringify(sortKeys(JSON.parse(text)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
