/**
 * A tiny TeXML writer. Every attribute value and text node is escaped, so a caller name or number
 * holding `<`, `&` or quotes can never add markup to what Telnyx executes.
 */

export type Attributes = Record<string, string | number | boolean | undefined>;

export interface TexmlElement {
  name: string;
  attributes: Attributes;
  children: (TexmlElement | string)[];
}

export function el(name: string, attributes: Attributes = {}, ...children: (TexmlElement | string)[]): TexmlElement {
  return { name, attributes, children };
}

/** `<?xml …?><Response>…</Response>` around the verbs. */
export function texmlResponse(...verbs: TexmlElement[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${render(el('Response', {}, ...verbs))}`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(INVALID_XML_CHARS, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Control characters are not allowed in XML 1.0 at all, escaped or not.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function render(element: TexmlElement): string {
  if (!NAME.test(element.name)) throw new Error(`Not an element name: ${element.name}`);
  const attributes = Object.entries(element.attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      if (!NAME.test(key)) throw new Error(`Not an attribute name: ${key}`);
      return ` ${key}="${escapeXml(String(value))}"`;
    })
    .join('');
  if (element.children.length === 0) return `<${element.name}${attributes}/>`;
  const content = element.children
    .map((child) => (typeof child === 'string' ? escapeXml(child) : render(child)))
    .join('');
  return `<${element.name}${attributes}>${content}</${element.name}>`;
}
