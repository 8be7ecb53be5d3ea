/**
 * Replaces every local `$ref` (`#/components/...`) in a schema with a copy of its target, so each
 * compiled validator is self-contained and request schemas can be tightened without touching the
 * shared components that responses use. Siblings of `$ref` (OpenAPI 3.1 allows e.g. `description`)
 * are merged over the target.
 */
type JsonObject = Record<string, unknown>;

export function inlineRefs(node: unknown, root: JsonObject, trail: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root, trail));
  if (!node || typeof node !== 'object') return node;
  const obj = node as JsonObject;
  const ref = obj['$ref'];
  if (typeof ref === 'string') {
    if (trail.includes(ref)) throw new Error(`recursive $ref ${ref} cannot be inlined`);
    const { $ref: _ignored, ...siblings } = obj;
    const target = inlineRefs(resolvePointer(root, ref), root, [...trail, ref]) as JsonObject;
    return { ...target, ...(inlineRefs(siblings, root, trail) as JsonObject) };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    // `example(s)` are documentation only and may hold `$ref`s to components/examples.
    out[key] = key === 'example' || key === 'examples' ? value : inlineRefs(value, root, trail);
  }
  return out;
}

export function resolvePointer(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!current || typeof current !== 'object' || !(key in current)) throw new Error(`unresolvable $ref ${ref}`);
    current = (current as JsonObject)[key];
  }
  return current;
}
