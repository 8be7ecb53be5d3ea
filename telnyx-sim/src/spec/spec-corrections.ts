/**
 * Places where Telnyx's published spec disagrees with how Telnyx behaves (and with what the product
 * must send). The spec file is never edited; these corrections are applied to the loaded subset.
 */
type JsonObject = Record<string, unknown>;

export function applySpecCorrections(doc: JsonObject): void {
  const schemas = ((doc['components'] as JsonObject)['schemas'] ?? {}) as Record<string, JsonObject>;

  // CreateCredentialConnectionRequest accepts webhook_api_version "texml" (how a credential connection's
  // parked outbound calls are sent to a TeXML URL), but the CredentialConnection response schema only
  // lists "1" and "2". Telnyx echoes back what was set, so the response enum is widened to match.
  const version = propertyOf(schemas['CredentialConnection'], 'webhook_api_version');
  const values: unknown = version?.['enum'];
  if (version && Array.isArray(values) && !values.includes('texml')) {
    version['enum'] = [...(values as unknown[]), 'texml'];
  }
}

function propertyOf(schema: JsonObject | undefined, name: string): JsonObject | undefined {
  const props = schema?.['properties'] as Record<string, JsonObject> | undefined;
  return props?.[name];
}
