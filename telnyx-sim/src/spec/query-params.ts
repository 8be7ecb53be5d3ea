/**
 * Turns a flat query string map (`filter[phone_number][starts_with]=555`) into the nested objects of
 * OpenAPI `deepObject` parameters, and splits comma-separated arrays (the official SDK serialises
 * arrays as `filter[features]=voice,sms`).
 */
type JsonObject = Record<string, unknown>;

export function nestQuery(flat: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [rawKey, value] of Object.entries(flat)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    const path = match ? [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)] : [rawKey];
    // `filter[features][]=voice` is the brackets array form; treat an empty last segment as "append".
    const appendArray = path.length > 1 && path[path.length - 1] === '';
    if (appendArray) path.pop();
    let cursor = out;
    for (const segment of path.slice(0, -1)) {
      const next = cursor[segment];
      cursor = (cursor[segment] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as JsonObject;
    }
    const last = path[path.length - 1]!;
    cursor[last] = appendArray ? ([] as unknown[]).concat(cursor[last] ?? [], value) : value;
  }
  return out;
}

/** Splits comma-separated strings wherever the parameter schema expects an array. */
export function splitCommaArrays(value: unknown, schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return value;
  const s = schema as JsonObject;
  if (s['type'] === 'array' && typeof value === 'string') return value === '' ? [] : value.split(',');
  const props = s['properties'] as Record<string, unknown> | undefined;
  if (props && value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as JsonObject;
    for (const [k, v] of Object.entries(obj)) if (props[k]) obj[k] = splitCommaArrays(v, props[k]);
  }
  return value;
}
