import type { FastifySchema } from 'fastify';
import { WEBHOOK_FIELDS } from '../telnyx/webhook-fields';

/**
 * Documentation of the Telnyx webhooks. Their routes read the raw form body (the Ed25519 signature
 * covers the exact bytes) and check every field themselves (`platform/telnyx/webhook-fields.ts`); the
 * documentation shows those same field schemas.
 */

const field = (description: string) => ({ type: 'string', description });

const signatureHeaders = {
  type: 'object',
  required: ['telnyx-signature-ed25519', 'telnyx-timestamp'],
  properties: {
    'telnyx-signature-ed25519': field(
      'Base64 Ed25519 signature of `${telnyx-timestamp}|${raw body}` (key: TELNYX_PUBLIC_KEY)',
    ),
    'telnyx-timestamp': field('Unix seconds; refused when more than 300 s away from now'),
  },
};

const form = (required: string[], properties: Record<string, object>) => ({
  type: 'object',
  required,
  properties,
});

const texmlAnswer = { description: 'TeXML (`application/xml`) telling Telnyx what to do next', type: 'string' };
const stored = { description: 'Recorded (or already known: redeliveries add nothing)', type: 'null' };
const refused = {
  400: {
    description: 'Signed, but not a usable webhook (missing or malformed fields); nothing is stored',
    type: 'object',
  },
  401: { description: 'Missing, wrong or stale signature; nothing is read or stored', type: 'object' },
};

const { CallSid, From, To, CallStatus } = WEBHOOK_FIELDS;
const callFields = { CallSid, From, To, CallStatus };

const docs: Record<string, { summary: string; description: string; body: object; response: Record<number, object> }> = {
  inbound: {
    summary: 'A new inbound call (TeXML application voice URL)',
    description: 'Routes the call to the agent holding the number, to voicemail, or refuses it; answers TeXML.',
    body: form(['CallSid', 'From', 'To'], callFields),
    response: { 200: texmlAnswer, ...refused },
  },
  outbound: {
    summary: "A web phone's outbound call (credential connection)",
    description:
      "Identifies the agent from `From`, checks the destination against the account's calling policy and dials it with the agent's number as caller id.",
    body: form(['CallSid', 'From', 'To'], callFields),
    response: { 200: texmlAnswer, ...refused },
  },
  'dial-result': {
    summary: 'A `<Dial>` ended (its action URL)',
    description: 'Records the dial outcome; an unanswered inbound call is offered voicemail.',
    body: form(['CallSid', 'DialCallStatus'], {
      ...callFields,
      DialCallStatus: WEBHOOK_FIELDS.DialCallStatus,
      DialCallSid: WEBHOOK_FIELDS.DialCallSid,
      DialCallDuration: WEBHOOK_FIELDS.DialCallDuration,
    }),
    response: { 200: texmlAnswer, ...refused },
  },
  'voicemail-done': {
    summary: 'A voicemail recording ended',
    description: 'Says goodbye and hangs up.',
    body: form(['CallSid'], callFields),
    response: { 200: texmlAnswer, ...refused },
  },
  status: {
    summary: 'Call status callback',
    description: 'Records the status on the call stream; statuses older than the one known are ignored.',
    body: form(['CallSid', 'CallStatus'], {
      ...callFields,
      SequenceNumber: WEBHOOK_FIELDS.SequenceNumber,
      Timestamp: field('When it happened (ISO 8601)'),
      CallDuration: WEBHOOK_FIELDS.CallDuration,
      HangupCause: field('Why the call ended'),
    }),
    response: { 204: stored, ...refused },
  },
  recordings: {
    summary: 'Recording status callback',
    description: 'Records the recording and copies its audio into our storage in the background (Telnyx URLs expire).',
    body: form(['CallSid', 'RecordingSid', 'RecordingUrl'], {
      CallSid: callFields.CallSid,
      RecordingSid: WEBHOOK_FIELDS.RecordingSid,
      RecordingUrl: WEBHOOK_FIELDS.RecordingUrl,
      RecordingStatus: field('Only `completed` is recorded'),
      RecordingDuration: WEBHOOK_FIELDS.RecordingDuration,
      RecordingChannels: WEBHOOK_FIELDS.RecordingChannels,
      RecordingSource: field('DialVerb (conversation) or RecordVerb (voicemail)'),
    }),
    response: { 204: stored, ...refused },
  },
};

/** The documented schema of `/webhooks/telnyx/{kind}`, or undefined for any other URL. */
export function webhookSchema(url: string): FastifySchema | undefined {
  const kind = /^\/webhooks\/telnyx\/([a-z-]+)$/.exec(url)?.[1];
  const doc = kind === undefined ? undefined : docs[kind];
  if (!doc) return undefined;
  return {
    summary: doc.summary,
    description: `${doc.description}\n\nCalled by Telnyx, not by browsers: \`application/x-www-form-urlencoded\`, signed.`,
    tags: ['Telnyx webhooks'],
    consumes: ['application/x-www-form-urlencoded'],
    headers: signatureHeaders,
    body: doc.body,
    response: doc.response,
  };
}
