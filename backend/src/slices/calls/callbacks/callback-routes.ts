import type { FastifyInstance } from 'fastify';
import { CallStatusValues, type TelnyxCallStatus } from '@curbe-voice/contracts';
import {
  MalformedWebhookError,
  optionalInteger,
  optionalText,
  requireFields,
  type WebhookForm,
} from '../../../platform/telnyx/webhook-form';
import type { CallStreams } from '../call-streams';
import type { CallState } from '../call-state';

/** Starts copying a recording's audio into our storage (in the background). */
export interface RecordingCopyScheduler {
  /** `correlationId`: the webhook that reported the recording, when there was one. */
  schedule(job: { callSid: string; recordingSid: string; sourceUrl: string; correlationId?: string }): void;
}

export interface CallbackRouteServices {
  calls: CallStreams;
  copier: RecordingCopyScheduler;
  /** The verified, parsed form of the webhook being handled. */
  formOf(request: { body: unknown; headers: Record<string, unknown> }): WebhookForm;
}

/**
 * Telnyx's status and recording callbacks: each becomes an event on `call-{CallSid}`. They are
 * answered 200 (empty) once stored, or already known: Telnyx counts any other answer as a failure and
 * redelivers, to the failover URL.
 */
export function registerCallbackRoutes(app: FastifyInstance, services: CallbackRouteServices): void {
  const { calls, copier } = services;

  app.post('/webhooks/telnyx/status', async (request, reply) => {
    const form = services.formOf(request);
    const { CallSid, CallStatus } = requireFields(form, ['CallSid', 'CallStatus']);
    if (!(CallStatusValues as readonly string[]).includes(CallStatus))
      throw new MalformedWebhookError(`Unknown CallStatus "${CallStatus.slice(0, 40)}"`);
    const at = isoTime(form, 'Timestamp') ?? new Date().toISOString();
    await calls.execute(
      CallSid,
      {
        type: 'RecordStatus',
        data: {
          callSid: CallSid,
          status: CallStatus as TelnyxCallStatus,
          sequenceNumber: optionalInteger(form, 'SequenceNumber'),
          at,
          initiatedAt: isoTime(form, 'CallInitiatedAt'),
          durationSec: optionalInteger(form, 'CallDuration'),
          hangupCause: optionalText(form, 'HangupCause'),
          dialCallStatus: optionalText(form, 'DialCallStatus'),
          dialCallDurationSec: optionalInteger(form, 'DialCallDuration'),
          from: form['From'] ?? '',
          to: form['To'] ?? '',
        },
      },
      'telnyx',
      request.id,
    );
    return reply.code(200).send();
  });

  app.post('/webhooks/telnyx/recordings', async (request, reply) => {
    const form = services.formOf(request);
    const { CallSid, RecordingSid, RecordingUrl } = requireFields(form, ['CallSid', 'RecordingSid', 'RecordingUrl']);
    if (!URL.canParse(RecordingUrl) || !/^https?:/i.test(RecordingUrl))
      throw new MalformedWebhookError('RecordingUrl is not an http(s) URL');
    const status = optionalText(form, 'RecordingStatus');
    if (status !== null && status !== 'completed') return reply.code(200).send();
    const { state } = await calls.execute(
      CallSid,
      {
        type: 'RecordRecording',
        data: {
          callSid: CallSid,
          recordingSid: RecordingSid,
          channels: optionalInteger(form, 'RecordingChannels') ?? 1,
          durationSec: optionalInteger(form, 'RecordingDuration') ?? 0,
          sourceUrl: RecordingUrl,
          source: optionalText(form, 'RecordingSource'),
        },
      },
      'telnyx',
      request.id,
    );
    // The event is stored first; the copy follows (also after a redelivery, if it has not succeeded yet).
    scheduleCopyIfNeeded(copier, state, RecordingSid, request.id);
    return reply.code(200).send();
  });
}

function scheduleCopyIfNeeded(
  copier: RecordingCopyScheduler,
  state: CallState,
  recordingSid: string,
  correlationId: string,
): void {
  const recording = state.recordings.get(recordingSid);
  if (recording && !recording.stored && !recording.copyFailed) {
    copier.schedule({ callSid: state.callSid, recordingSid, sourceUrl: recording.sourceUrl, correlationId });
  }
}

function isoTime(form: WebhookForm, name: string): string | null {
  const raw = optionalText(form, name);
  if (raw === null) return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new MalformedWebhookError(`${name} is not a date-time: "${raw.slice(0, 40)}"`);
  return new Date(ms).toISOString();
}
