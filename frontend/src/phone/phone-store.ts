import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallQuality } from './call-quality';

/** How the phone's link to the voice service stands; shown as the connection badge. */
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'offline' | 'not_activated' | 'error';

export type CallPhase = 'dialing' | 'ringing' | 'connecting' | 'active' | 'held' | 'ended';

/** A call as the page shows it; the SDK's own call object never leaves the composable. */
export interface PhoneCall {
  id: string;
  direction: 'inbound' | 'outbound';
  phase: CallPhase;
  remoteNumber: string;
  remoteName: string | null;
  startedAt: number;
  answeredAt: number | null;
  muted: boolean;
  /** Why the call ended, when the far end or the network ended it. */
  endReason: string | null;
}

export interface AudioDevice {
  id: string;
  label: string;
}

/** The web phone's state: connection, the current and the incoming call, devices and quality. */
export const usePhoneStore = defineStore('phone', () => {
  const connection = ref<ConnectionState>('idle');
  const connectionMessage = ref<string | null>(null);
  const connectedAt = ref<number | null>(null);
  const currentCall = ref<PhoneCall | null>(null);
  const incomingCall = ref<PhoneCall | null>(null);
  const lastEndedCall = ref<PhoneCall | null>(null);
  const microphones = ref<AudioDevice[]>([]);
  const speakers = ref<AudioDevice[]>([]);
  const microphoneId = ref<string>('');
  const speakerId = ref<string>('');
  const microphoneAllowed = ref<boolean | null>(null);
  const quality = ref<CallQuality | null>(null);
  const error = ref<string | null>(null);
  /** The browser blocked the ringtone until the page is clicked. */
  const soundBlocked = ref(false);

  const isReady = computed(() => connection.value === 'ready');
  const inCall = computed(() => currentCall.value !== null && currentCall.value.phase !== 'ended');

  function setConnection(state: ConnectionState, message: string | null = null): void {
    connection.value = state;
    connectionMessage.value = message;
    if (state === 'ready') connectedAt.value ??= Date.now();
  }

  function updateCall(patch: Partial<PhoneCall> & { id: string }): void {
    if (currentCall.value?.id === patch.id) currentCall.value = { ...currentCall.value, ...patch };
    else if (incomingCall.value?.id === patch.id) incomingCall.value = { ...incomingCall.value, ...patch };
  }

  function endCall(id: string, reason: string | null): void {
    for (const slot of [currentCall, incomingCall]) {
      if (slot.value?.id === id) {
        lastEndedCall.value = { ...slot.value, phase: 'ended', endReason: reason };
        slot.value = null;
      }
    }
    if (!currentCall.value) quality.value = null;
  }

  /** The ringing call was answered: it becomes the current call. */
  function promoteIncoming(): void {
    if (!incomingCall.value) return;
    currentCall.value = { ...incomingCall.value, phase: 'connecting' };
    incomingCall.value = null;
  }

  return {
    connection,
    connectionMessage,
    connectedAt,
    currentCall,
    incomingCall,
    lastEndedCall,
    microphones,
    speakers,
    microphoneId,
    speakerId,
    microphoneAllowed,
    quality,
    error,
    soundBlocked,
    isReady,
    inCall,
    setConnection,
    updateCall,
    endCall,
    promoteIncoming,
  };
});
