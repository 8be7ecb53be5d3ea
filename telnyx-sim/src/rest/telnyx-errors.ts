/** Telnyx's error body (`{ errors: [{ code, title, detail, source }] }`) and the statuses the simulator uses. */

export interface TelnyxErrorItem {
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

export class TelnyxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.detail ?? e.title).join('; '));
  }

  get body(): { errors: TelnyxErrorItem[] } {
    return { errors: this.errors };
  }
}

export function errorBody(errors: TelnyxErrorItem[]): { errors: TelnyxErrorItem[] } {
  return {
    errors: errors.map((e) => ({
      ...e,
      meta: e.meta ?? { url: `https://developers.telnyx.com/docs/overview/errors/${e.code}` },
    })),
  };
}

export const unauthorized = () =>
  new TelnyxHttpError(401, [
    { code: '10009', title: 'Authentication failed', detail: 'The API key provided is missing or not valid.' },
  ]);

export const forbidden = (detail: string) =>
  new TelnyxHttpError(403, [{ code: '10010', title: 'Authorization failed', detail }]);

export const notFound = (detail = 'The requested resource or URL could not be found.') =>
  new TelnyxHttpError(404, [{ code: '10005', title: 'Resource not found', detail }]);

/** A request the spec allows but the simulated account cannot honour (unknown referenced id, taken number...). */
export const invalid = (pointer: string, detail: string) =>
  new TelnyxHttpError(422, [{ code: '10015', title: 'Bad Request', detail, source: { pointer } }]);
