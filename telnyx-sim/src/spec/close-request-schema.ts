/**
 * Tightens an (inlined) request schema so that fields the spec does not declare are rejected.
 *
 * Decision: a request body field is "unknown" when no schema covering that object declares it. Most of
 * Telnyx's request schemas leave `additionalProperties` unset, and the real API then ignores such
 * fields silently — which hides exactly the mistakes the simulator exists to catch (a `usage_limit` on an
 * outbound voice profile, `outbound_voice_profile_id` at the top level of a TeXML application instead of
 * inside `outbound`, a `sip_username` sent when creating a telephony credential). So the simulator is
 * stricter than Telnyx here: every object schema with declared `properties` and no stated policy becomes
 * closed. Composed objects (allOf/anyOf/oneOf) are closed with `unevaluatedProperties: false` on the
 * composing node, which sees the properties of every matching branch; the branches themselves stay open.
 * Query parameters are not tightened (Telnyx ignores unknown filters, and so does the simulator, unless
 * the spec itself says `additionalProperties: false`).
 */
type JsonObject = Record<string, unknown>;

const COMPOSITION = ['allOf', 'anyOf', 'oneOf'] as const;

export function closeRequestSchema(schema: unknown, isBranch = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeRequestSchema(s, isBranch));
  if (!schema || typeof schema !== 'object') return schema;
  const node = { ...(schema as JsonObject) };

  const composed = COMPOSITION.some((k) => Array.isArray(node[k]));
  for (const key of COMPOSITION) if (Array.isArray(node[key])) node[key] = closeRequestSchema(node[key], true);
  if (node['properties'] && typeof node['properties'] === 'object') {
    node['properties'] = Object.fromEntries(
      Object.entries(node['properties'] as JsonObject).map(([k, v]) => [k, closeRequestSchema(v)]),
    );
  }
  if (node['items']) node['items'] = closeRequestSchema(node['items']);

  const hasPolicy = 'additionalProperties' in node || 'patternProperties' in node || 'unevaluatedProperties' in node;
  if (!hasPolicy && !isBranch) {
    if (composed) node['unevaluatedProperties'] = false;
    else if (node['properties']) node['additionalProperties'] = false;
  }
  return node;
}
