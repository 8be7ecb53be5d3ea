import { describeHangup, phaseOf } from './call-phase';
import { snapshotOf } from './call-snapshot';
import { usePhoneStore, type PhoneCall } from './phone-store';
import type { CallQualityMonitor } from './useCallQuality';
import type { RemoteAudio } from './useRemoteAudio';
import type { RingtoneControls } from './useRingtone';
import type { VoiceCall, VoiceNotification } from './voice-client';
import type { VoiceSession } from './voice-session';

export interface CallUpdateDeps {
  ringtone: RingtoneControls;
  quality: CallQualityMonitor;
  remoteAudio: RemoteAudio;
}

/**
 * Turns the SDK's call updates into the store: a call ringing in, the current call's phase, and how
 * a call ended. Once the current call is answered its audio plays and its quality is measured.
 */
export function useCallUpdates(session: VoiceSession, { ringtone, quality, remoteAudio }: CallUpdateDeps) {
  const phone = usePhoneStore();

  function onEnded(call: VoiceCall, direction: PhoneCall['direction'], isIncoming: boolean, isCurrent: boolean): void {
    if (isIncoming) ringtone.stop();
    const shown = isIncoming ? phone.incomingCall : isCurrent ? phone.currentCall : null;
    if (shown) phone.endCall(call.id, describeHangup(call.cause, direction, shown.answeredAt !== null));
    if (!phone.currentCall) quality.stop();
    session.calls.delete(call.id);
  }

  function onNotification(notification: VoiceNotification): void {
    if (notification.type !== 'callUpdate' || !notification.call) return;
    const call = notification.call;
    const direction = call.direction === 'inbound' ? 'inbound' : 'outbound';
    const phase = phaseOf(call.state, direction);
    session.calls.set(call.id, call);
    const isIncoming = phone.incomingCall?.id === call.id;
    const isCurrent = phone.currentCall?.id === call.id;

    if (phase === 'ended') {
      onEnded(call, direction, isIncoming, isCurrent);
      return;
    }
    if (!isIncoming && !isCurrent) {
      // The SDK first reports an offered call as `new` without a direction; it rings once it is `ringing`.
      if (direction === 'inbound' && call.state === 'ringing') {
        phone.incomingCall = snapshotOf(call, direction);
        void ringtone.start();
      }
      return;
    }
    const answeredAt =
      phase === 'active' && phone.currentCall?.id === call.id && phone.currentCall.answeredAt === null
        ? Date.now()
        : undefined;
    phone.updateCall({ id: call.id, phase, muted: call.isAudioMuted, ...(answeredAt ? { answeredAt } : {}) });
    if (phase === 'active' && phone.currentCall?.id === call.id) {
      remoteAudio.play(call);
      quality.start(call);
    }
  }

  return { onNotification };
}
