/** Error bodies in Telnyx's shape: `{ errors: [{ code, title, detail, source? }] }`. */

export interface TelnyxErrorBody {
  errors: { code: string; title: string; detail: string; source?: { pointer?: string; parameter?: string } }[];
}

export class SimRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: TelnyxErrorBody,
  ) {
    super(body.errors[0]?.detail ?? 'request failed');
  }
}

export function notFound(detail: string, pointer?: string): SimRequestError {
  return new SimRequestError(404, {
    errors: [{ code: '10005', title: 'Resource not found', detail, ...(pointer ? { source: { pointer } } : {}) }],
  });
}

export function invalidParameter(detail: string, pointer?: string): SimRequestError {
  return new SimRequestError(422, {
    errors: [{ code: '10015', title: 'Invalid parameter', detail, ...(pointer ? { source: { pointer } } : {}) }],
  });
}
