/**
 * Cuts Telnyx's full OpenAPI document down to the operations the simulator serves, keeping every
 * component those operations reach (transitively through `$ref`) so the subset stands alone.
 * Pure: takes the parsed document, returns the subset. `$ref`s stay as local `#/components/...` pointers.
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths: Record<string, JsonObject>;
  components: Record<string, Record<string, Json>>;
}

export function extractSubset(full: OpenApiDocument, operationIds: readonly string[]): OpenApiDocument {
  const wanted = new Set(operationIds);
  const paths: Record<string, JsonObject> = {};
  for (const [path, item] of Object.entries(full.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as JsonObject | undefined;
      if (!op || !wanted.has(op['operationId'] as string)) continue;
      wanted.delete(op['operationId'] as string);
      const kept = (paths[path] ??= {});
      if (item['parameters'] && !kept['parameters']) kept['parameters'] = item['parameters'];
      kept[method] = op;
    }
  }
  if (wanted.size > 0) throw new Error(`operations not found in the spec: ${[...wanted].join(', ')}`);

  const components: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  const pending: Json[] = [paths];
  while (pending.length > 0) {
    for (const ref of collectRefs(pending.pop())) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const [section, name] = parseComponentRef(ref);
      const target = full.components[section]?.[name];
      if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
      (components[section] ??= {})[name] = target;
      pending.push(target);
    }
  }
  // Deterministic output: sections and names sorted, so re-extraction gives a byte-identical file.
  const sortedComponents: Record<string, Record<string, Json>> = {};
  for (const section of Object.keys(components).sort()) {
    const entries = components[section] ?? {};
    sortedComponents[section] = Object.fromEntries(
      Object.keys(entries)
        .sort()
        .map((k) => [k, entries[k]]),
    );
  }
  if (full.components['securitySchemes']) sortedComponents['securitySchemes'] = full.components['securitySchemes'];

  const subset: OpenApiDocument = {
    openapi: full.openapi,
    info: { ...full.info, description: 'Subset of the Telnyx v2 API served by the Curbe Voice Telnyx simulator.' },
    paths,
    components: sortedComponents,
  };
  if (full['servers']) subset['servers'] = full['servers'];
  if (full['security']) subset['security'] = full['security'];
  return subset;
}

function collectRefs(node: Json): string[] {
  const out: string[] = [];
  const walk = (value: Json): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === '$ref' && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(node);
  return out;
}

function parseComponentRef(ref: string): [string, string] {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`unsupported $ref ${ref} (only #/components/<section>/<name> is expected)`);
  const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
  return [unescape(match[1]!), unescape(match[2]!)];
}
