import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  CALL_FIELD_LIMITS as LIMITS,
  CallStatusValues,
  PRINTABLE_PATTERN,
  TELNYX_ID_PATTERN,
} from '@curbe-voice/contracts';

/**
 * What each field of a TeXML webhook may hold. Telnyx adds fields over time, so unknown fields pass, but
 * every value is bounded and printable; the fields we read are checked for shape, range and vocabulary.
 * One table serves the edge check and the `/docs` description of the webhook routes.
 */
const text = (maxLength: number, description: string) =>
  Type.String({ maxLength, pattern: PRINTABLE_PATTERN, description });
const telnyxId = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: TELNYX_ID_PATTERN, description });
const wholeNumber = (description: string) => Type.String({ pattern: '^\\d{1,10}$', description });
const oneOf = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description },
  );

const DIAL_STATUSES = ['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled'] as const;

export const WEBHOOK_FIELDS = {
  AccountSid: text(LIMITS.otherField, 'The Telnyx account the call belongs to'),
  CallSid: telnyxId(LIMITS.callSid, 'Telnyx call id; the call stream is `call-{CallSid}`'),
  CallSidLegacy: telnyxId(LIMITS.callSid, 'The same call in the older id format'),
  ParentCallSid: telnyxId(LIMITS.callSid, 'The call this leg belongs to'),
  DialCallSid: telnyxId(LIMITS.callSid, 'Id of the dialled leg'),
  RecordingSid: telnyxId(LIMITS.recordingSid, 'Telnyx recording id'),
  From: text(LIMITS.party, 'Caller: E.164 number, SIP URI or SIP username'),
  To: text(LIMITS.party, 'Called number or destination'),
  CallStatus: oneOf(CallStatusValues, CallStatusValues.join(', ')),
  DialCallStatus: oneOf(DIAL_STATUSES, DIAL_STATUSES.join(', ')),
  CallDuration: wholeNumber('Seconds, once completed'),
  DialCallDuration: wholeNumber('Seconds connected'),
  RecordingDuration: wholeNumber('Seconds'),
  SequenceNumber: wholeNumber('Orders callbacks of one call'),
  RecordingChannels: oneOf(['1', '2'], '1 or 2'),
  RecordingUrl: text(LIMITS.recordingUrl, 'Short-lived http(s) URL of the audio'),
} satisfies Record<string, TSchema>;

export type WebhookFieldName = keyof typeof WEBHOOK_FIELDS;

const INTEGER_FIELDS = new Set<string>(['CallDuration', 'DialCallDuration', 'RecordingDuration', 'SequenceNumber']);
const otherField = TypeCompiler.Compile(text(LIMITS.otherField, 'Any other field'));
const knownField = new Map(
  Object.entries(WEBHOOK_FIELDS).map(([name, schema]) => [name, TypeCompiler.Compile(schema as TSchema)]),
);

/** The first problem with a webhook form, naming the field, or null when every field is acceptable. */
export function webhookFieldProblem(form: ReadonlyMap<string, string>): string | null {
  for (const [name, value] of form) {
    if (name.length > 64 || !new RegExp(PRINTABLE_PATTERN).test(name)) return `Unexpected webhook field name`;
    const check = knownField.get(name) ?? otherField;
    const error = check.Errors(value).First();
    if (error) return `Invalid webhook field ${name}: ${error.message}`;
    if (INTEGER_FIELDS.has(name) && Number(value) > LIMITS.maxInteger)
      return `Invalid webhook field ${name}: must be at most ${LIMITS.maxInteger}`;
  }
  return null;
}
