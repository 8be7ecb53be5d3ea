import type { HttpMethod } from './texml-document';

/**
 * Reading and checking TeXML attribute values (numbers in range, booleans, enumerations, HTTP
 * methods, URLs). A value Telnyx would refuse throws a TexmlSchemaError naming the verb and attribute.
 */

/** A TeXML document breaks the schema; parseTexml reports it as a `schema` error. */
export class TexmlSchemaError extends Error {}

/** An element's attributes, as fast-xml-parser gives them. */
export type Attributes = Record<string, string>;

export function optionalAttr(attrs: Attributes, name: string): string | undefined {
  const value = attrs[name]?.trim();
  return value ? value : undefined;
}

export function intAttr(
  attrs: Attributes,
  verb: string,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const raw = attrs[name];
  if (raw === undefined) return range.fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
    throw new TexmlSchemaError(`<${verb} ${name}="${raw}"> must be a whole number from ${range.min} to ${range.max}`);
  }
  return value;
}

export function boolAttr(attrs: Attributes, verb: string, name: string, fallback: boolean): boolean {
  const raw = attrs[name];
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new TexmlSchemaError(`<${verb} ${name}="${raw}"> must be true or false`);
}

export function enumAttr<T extends string>(
  attrs: Attributes,
  verb: string,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = attrs[name];
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new TexmlSchemaError(`<${verb} ${name}="${raw}"> must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

export function methodAttr(attrs: Attributes, verb: string, name: string): HttpMethod {
  const raw = attrs[name];
  if (raw === undefined) return 'POST';
  const upper = raw.toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') throw new TexmlSchemaError(`<${verb} ${name}="${raw}"> must be GET or POST`);
  return upper;
}

export function urlAttr(attrs: Attributes, verb: string, name: string): string | undefined {
  const raw = optionalAttr(attrs, name);
  return raw === undefined ? undefined : checkedUrl(raw, `<${verb} ${name}>`);
}

/** Absolute http(s) URLs, or relative ones (resolved later against the document URL). */
export function checkedUrl(raw: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw, 'http://relative.invalid/');
  } catch {
    throw new TexmlSchemaError(`${where} "${raw}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TexmlSchemaError(`${where} "${raw}" must be an http(s) URL`);
  return raw;
}
