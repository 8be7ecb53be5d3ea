import type { FastifyReply, FastifyRequest } from 'fastify';

// NUL and the other control characters have no place in a name, an email, an id or a number; they cut
// SQL text, forge log lines and break XML. Tab and line breaks stay allowed in bodies (free text).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_URL_PART = /[\u0000-\u001F\u007F]/;
const MAX_DEPTH = 20;

/** The path of the first string holding a control character, or null. */
function controlCharacterAt(value: unknown, pattern: RegExp, path: string, depth = 0): string | null {
  if (typeof value === 'string') return pattern.test(value) ? path : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = `${path}/${key}`;
    if (pattern.test(key)) return itemPath;
    const found = controlCharacterAt(item, pattern, itemPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses (400, naming the field) any JSON body, query or path value that carries a control character. */
export async function refuseControlCharacters(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const found =
    controlCharacterAt(request.params, CONTROL_IN_URL_PART, 'params') ??
    controlCharacterAt(request.query, CONTROL_IN_URL_PART, 'querystring') ??
    (typeof request.body === 'object' ? controlCharacterAt(request.body, CONTROL_IN_TEXT, 'body') : null);
  if (found)
    await reply
      .code(400)
      .send({ statusCode: 400, error: 'Bad Request', message: `${found} must not contain control characters` });
}
