import { phaseOf } from './call-phase';
import type { PhoneCall } from './phone-store';
import type { VoiceCall } from './voice-client';

/** The store's picture of an SDK call when the page first shows it. */
export function snapshotOf(call: VoiceCall, direction: PhoneCall['direction'], now = Date.now()): PhoneCall {
  const remoteNumber =
    (direction === 'inbound' ? call.options.remoteCallerNumber : call.options.destinationNumber) ?? 'Unknown number';
  const remoteName = direction === 'inbound' ? (call.options.remoteCallerName ?? null) : null;
  return {
    id: call.id,
    direction,
    phase: phaseOf(call.state, direction),
    remoteNumber,
    remoteName: remoteName && remoteName !== remoteNumber ? remoteName : null,
    startedAt: now,
    answeredAt: null,
    muted: false,
    endReason: null,
  };
}
