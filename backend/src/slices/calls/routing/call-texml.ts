import type { CallRefusalReason } from '@curbe-voice/contracts';
import { el, texmlResponse } from './texml-writer';

/** Our webhook URLs, as Telnyx must call them. */
export interface WebhookUrls {
  recordings: string;
  dialResult: string;
  voicemailDone: string;
}

export function webhookUrlsFor(publicUrl: string): WebhookUrls {
  const base = `${publicUrl.replace(/\/+$/, '')}/webhooks/telnyx`;
  return {
    recordings: `${base}/recordings`,
    dialResult: `${base}/dial-result`,
    voicemailDone: `${base}/voicemail-done`,
  };
}

const RING_SECONDS = 30;
const VOICEMAIL_MAX_SECONDS = 120;

/** Rings the agent's web phone and records both sides of the conversation from the answer. */
export function dialAgentTexml(urls: WebhookUrls, sipUri: string): string {
  return texmlResponse(
    el(
      'Dial',
      {
        record: 'record-from-answer-dual',
        recordingStatusCallback: urls.recordings,
        timeout: RING_SECONDS,
        action: urls.dialResult,
      },
      el('Sip', {}, sipUri),
    ),
  );
}

/** Connects the agent's call to the destination, showing the agent's business number, recorded. */
export function dialNumberTexml(urls: WebhookUrls, destination: string, callerId: string): string {
  return texmlResponse(
    el(
      'Dial',
      {
        callerId,
        record: 'record-from-answer-dual',
        recordingStatusCallback: urls.recordings,
        timeout: RING_SECONDS,
        action: urls.dialResult,
      },
      el('Number', {}, destination),
    ),
  );
}

/** A polite greeting, then a voicemail recording that lands in the owner's history. */
export function voicemailTexml(urls: WebhookUrls, reachedName: string | null): string {
  const greeting = reachedName
    ? `You have reached ${reachedName}. Nobody can take your call right now. Please leave a message after the tone.`
    : 'Nobody can take your call right now. Please leave a message after the tone.';
  return texmlResponse(
    el('Say', {}, greeting),
    el('Record', {
      maxLength: VOICEMAIL_MAX_SECONDS,
      playBeep: true,
      timeout: 5,
      recordingStatusCallback: urls.recordings,
      action: urls.voicemailDone,
    }),
  );
}

export function goodbyeTexml(): string {
  return texmlResponse(el('Say', {}, 'Thank you for your message. Goodbye.'), el('Hangup'));
}

/**
 * What the TeXML application's `voice_fallback_url` answers when our `voice_url` failed (5xx or no
 * answer): an apology, then hang up. It reads nothing, so it works while the rest of the backend does not.
 */
export function fallbackTexml(): string {
  return texmlResponse(
    el('Say', {}, 'We are sorry, we cannot take your call right now. Please call again in a few minutes.'),
    el('Hangup'),
  );
}

export function hangupTexml(): string {
  return texmlResponse(el('Hangup'));
}

export const REFUSAL_MESSAGES: Record<CallRefusalReason, string> = {
  unknown_number: 'The number you have called is not in service. Goodbye.',
  unknown_agent: 'This phone is not set up for calling. Please contact your administrator.',
  agent_without_number:
    'You do not have a business phone number yet, so you cannot place calls. Please ask your administrator to assign one.',
  invalid_destination: 'The number you dialled is not a valid phone number. Please check it and try again.',
  destination_not_allowed: 'Calls to that country are not allowed from your account.',
  calling_not_set_up: 'Outgoing calls are not set up for your account yet.',
  premium_rate_destination:
    'Calls to premium-rate numbers, such as 900 numbers, are not allowed from your account, because they are charged extra.',
};

/** Says why the call cannot go through, then hangs up. */
export function refusalTexml(reason: CallRefusalReason): string {
  return texmlResponse(el('Say', {}, REFUSAL_MESSAGES[reason]), el('Hangup'));
}
