/** The path or URL a `fetch` call was given, whichever form it took (string, URL or Request). */
export function requestPath(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
