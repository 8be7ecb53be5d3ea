import { onBeforeUnmount } from 'vue';
import { voiceApi } from '../api/curbe-api';
import { providePhoneActions, type PhoneActions } from './phone-actions';
import { usePhoneStore } from './phone-store';
import { useAudioDevices } from './useAudioDevices';
import { useCallUpdates } from './useCallUpdates';
import { useCallQuality } from './useCallQuality';
import { useRemoteAudio } from './useRemoteAudio';
import { useRingtone } from './useRingtone';
import { useVoiceCalls, type CallerIdentity } from './useVoiceCalls';
import { useVoiceConnection, type VoiceServices } from './useVoiceConnection';
import { createTelnyxClient } from './voice-client';
import { createVoiceSession } from './voice-session';

export type TelnyxClientOptions = CallerIdentity;

/** The backend's login tokens and the real Telnyx SDK. */
export const telnyxServices: VoiceServices = {
  fetchCredentials: () => voiceApi.credentials(),
  createClient: createTelnyxClient,
};

/**
 * The web phone for the whole signed-in app, on `@telnyx/webrtc`: the connection and its token, the
 * calls, the audio devices, the line quality and the ringtone, each in a composable of its own, kept
 * in the phone store. Call it in the layout; children use `usePhone()`.
 */
export function useTelnyxClient(options: TelnyxClientOptions, services: VoiceServices = telnyxServices): PhoneActions {
  const phone = usePhoneStore();
  const session = createVoiceSession();
  const ringtone = useRingtone();
  const quality = useCallQuality();
  const remoteAudio = useRemoteAudio(session);
  const devices = useAudioDevices(session, remoteAudio);
  const calls = useVoiceCalls(session, { ringtone, devices, caller: options });
  const updates = useCallUpdates(session, { ringtone, quality, remoteAudio });
  const connection = useVoiceConnection(session, services, {
    onReady: () => void devices.refresh(),
    onNotification: updates.onNotification,
  });

  async function disconnect(): Promise<void> {
    const closing = connection.detach();
    quality.stop();
    ringtone.stop();
    // The SDK ends the calls as it disconnects; the page forgets them now.
    session.calls.clear();
    phone.currentCall = null;
    phone.incomingCall = null;
    phone.setConnection('idle');
    await closing?.disconnect().catch(() => undefined);
  }

  onBeforeUnmount(() => void disconnect());

  const actions: PhoneActions = {
    connect: connection.connect,
    disconnect,
    dial: calls.dial,
    answer: calls.answer,
    reject: calls.reject,
    hangup: calls.hangup,
    toggleMute: calls.toggleMute,
    hold: calls.hold,
    unhold: calls.unhold,
    sendDtmf: calls.sendDtmf,
    ensureMicrophone: devices.ensureMicrophone,
    refreshDevices: devices.refresh,
    selectMicrophone: devices.selectMicrophone,
    selectSpeaker: devices.selectSpeaker,
    enableSound: ringtone.enableSound,
    attachRemoteAudio: remoteAudio.attach,
  };
  providePhoneActions(actions);
  return actions;
}
