import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue';
import type { Call, INotification, TelnyxRTC } from '@telnyx/webrtc';
import { voiceApi } from '../api/curbe-api';
import { ApiError, messageOf } from '../api/http-client';
import type { VoiceCredentials } from '../api/types';
import { assessQuality, readAudioStats, type AudioStatsSample } from './call-quality';
import { describeHangup, phaseOf } from './call-phase';
import { usePhoneStore, type AudioDevice, type PhoneCall } from './phone-store';
import { Ringtone } from './ringtone';
import { refreshDelayMs, retryDelayMs, warningCallsForRefresh } from './token-refresh';

/** What components may do with the phone. The SDK itself stays inside this file. */
export interface PhoneActions {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  dial(e164: string): Promise<void>;
  answer(): Promise<void>;
  reject(): Promise<void>;
  hangup(): Promise<void>;
  toggleMute(): void;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  sendDtmf(digit: string): void;
  ensureMicrophone(): Promise<boolean>;
  refreshDevices(): Promise<void>;
  selectMicrophone(deviceId: string): Promise<void>;
  selectSpeaker(deviceId: string): Promise<void>;
  enableSound(): Promise<void>;
  /** The page's <audio autoplay> element that plays the far end. */
  attachRemoteAudio(element: HTMLAudioElement | null): void;
}

const PHONE_ACTIONS: InjectionKey<PhoneActions> = Symbol('phone actions');

const READY_TIMEOUT_MS = 15_000;
const QUALITY_INTERVAL_MS = 2_000;
const TOKEN_EXPIRING_SOON = 34001;

export interface TelnyxClientOptions {
  /** The agent's own number, shown to the people they call when the backend does not set it. */
  callerNumber: () => string | null;
  callerName: () => string | null;
}

/**
 * Wraps `@telnyx/webrtc` once for the whole signed-in app: fetches a token, connects, keeps the
 * connection state honest, refreshes the token before it expires without touching calls, and turns
 * the SDK's call updates into the phone store. Call it in the layout; children use `usePhone()`.
 */
export function useTelnyxClient(options: TelnyxClientOptions): PhoneActions {
  const phone = usePhoneStore();
  const ringtone = new Ringtone();
  const calls = new Map<string, Call>();
  let client: TelnyxRTC | null = null;
  let credentials: VoiceCredentials | null = null;
  let remoteAudio: HTMLAudioElement | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | null = null;
  let qualityTimer: ReturnType<typeof setInterval> | null = null;
  let refreshFailures = 0;
  let refreshing = false;
  let stopping = false;

  const current = (): Call | undefined => (phone.currentCall ? calls.get(phone.currentCall.id) : undefined);
  const incoming = (): Call | undefined => (phone.incomingCall ? calls.get(phone.incomingCall.id) : undefined);

  async function connect(): Promise<void> {
    if (client || phone.connection === 'connecting') return;
    stopping = false;
    phone.setConnection('connecting');
    try {
      credentials = await voiceApi.credentials();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) phone.setConnection('not_activated', 'Phone service is not activated yet.');
      else phone.setConnection('error', messageOf(error));
      return;
    }
    // Loaded on demand: the SDK is most of the app's weight, and sign-in does not need it.
    const { TelnyxRTC } = await import('@telnyx/webrtc');
    const host = credentials.connection?.host;
    // `host` is not in the SDK's published options type but is honoured; never set `region` (it rewrites the host).
    const clientOptions = {
      login_token: credentials.token,
      ...(host ? { host } : {}),
      // A custom gateway (the local simulator) runs without Telnyx's STUN/TURN servers.
      ...(credentials.connection?.iceServers ? { iceServers: credentials.connection.iceServers } : host ? { iceServers: [] } : {}),
    };
    const created = new TelnyxRTC(clientOptions as ConstructorParameters<typeof TelnyxRTC>[0]);
    client = created;
    created.on('telnyx.ready', onReady);
    created.on('telnyx.error', onError);
    created.on('telnyx.warning', onWarning);
    created.on('telnyx.notification', onNotification);
    created.on('telnyx.socket.close', onSocketLost);
    created.on('telnyx.socket.error', onSocketLost);
    readyTimer = setTimeout(() => {
      if (phone.connection === 'connecting') phone.setConnection('error', 'The voice service did not answer. Try reconnecting.');
    }, READY_TIMEOUT_MS);
    try {
      await created.connect();
    } catch (error) {
      phone.setConnection('error', messageOf(error));
    }
  }

  function onReady(): void {
    if (readyTimer) clearTimeout(readyTimer);
    phone.setConnection('ready');
    if (credentials) scheduleRefresh(credentials.expires_at);
    void refreshDevices();
  }

  function onError(event: { error?: { message?: string; code?: number }; callId?: string } | undefined): void {
    const message = event?.error?.message ?? 'The voice service reported an error.';
    // Errors about one call belong to that call; the connection itself is fine.
    if (event?.callId) {
      phone.error = message;
      return;
    }
    phone.setConnection('error', message);
  }

  function onWarning(event: { warning?: { code?: number } } | undefined): void {
    if (event?.warning?.code !== TOKEN_EXPIRING_SOON || !credentials) return;
    if (warningCallsForRefresh(credentials.expires_at, Date.now())) void refreshToken();
  }

  function onSocketLost(): void {
    if (stopping) return;
    // The SDK reconnects by itself; say so instead of pretending to be ready.
    phone.setConnection(navigator.onLine === false ? 'offline' : 'reconnecting');
  }

  function scheduleRefresh(expiresAt: string): void {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refreshToken(), refreshDelayMs(expiresAt, Date.now()));
  }

  /** Fetches a new token and logs in again on the open socket; calls in progress are not touched. */
  async function refreshToken(): Promise<void> {
    if (!client || refreshing) return;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshing = true;
    try {
      const fresh = await voiceApi.credentials();
      await client.login({ creds: { login_token: fresh.token } });
      credentials = fresh;
      refreshFailures = 0;
      scheduleRefresh(fresh.expires_at);
    } catch {
      refreshFailures += 1;
      const expiresAt = credentials?.expires_at ?? Date.now();
      refreshTimer = setTimeout(() => void refreshToken(), retryDelayMs(refreshFailures, expiresAt, Date.now()));
    } finally {
      refreshing = false;
    }
  }

  function snapshot(call: Call, direction: 'inbound' | 'outbound'): PhoneCall {
    const remoteNumber =
      (direction === 'inbound' ? call.options.remoteCallerNumber : call.options.destinationNumber) ?? 'Unknown number';
    const remoteName = direction === 'inbound' ? (call.options.remoteCallerName ?? null) : null;
    return {
      id: call.id,
      direction,
      phase: phaseOf(call.state, direction),
      remoteNumber,
      remoteName: remoteName && remoteName !== remoteNumber ? remoteName : null,
      startedAt: Date.now(),
      answeredAt: null,
      muted: false,
      endReason: null,
    };
  }

  function onNotification(notification: INotification): void {
    if (notification.type !== 'callUpdate' || !notification.call) return;
    const call = notification.call;
    const direction = call.direction === 'inbound' ? 'inbound' : 'outbound';
    const phase = phaseOf(call.state, direction);
    calls.set(call.id, call);
    const isIncoming = phone.incomingCall?.id === call.id;
    const isCurrent = phone.currentCall?.id === call.id;

    if (phase === 'ended') {
      if (isIncoming) stopRinging();
      const shown = isIncoming ? phone.incomingCall : isCurrent ? phone.currentCall : null;
      if (shown) phone.endCall(call.id, describeHangup(call.cause, direction, shown.answeredAt !== null));
      if (!phone.currentCall) stopQuality();
      calls.delete(call.id);
      return;
    }
    if (!isIncoming && !isCurrent) {
      // The SDK first reports an offered call as `new` without a direction; it rings once it is `ringing`.
      if (direction === 'inbound' && call.state === 'ringing') {
        phone.incomingCall = snapshot(call, direction);
        void startRinging();
      }
      return;
    }
    const answeredAt = phase === 'active' && phone.currentCall?.id === call.id && phone.currentCall.answeredAt === null ? Date.now() : undefined;
    phone.updateCall({ id: call.id, phase, muted: call.isAudioMuted, ...(answeredAt ? { answeredAt } : {}) });
    if (phase === 'active' && phone.currentCall?.id === call.id) {
      playRemote(call);
      startQuality(call);
    }
  }

  async function startRinging(): Promise<void> {
    phone.soundBlocked = (await ringtone.start()) === 'blocked';
  }

  function stopRinging(): void {
    ringtone.stop();
    phone.soundBlocked = false;
  }

  function playRemote(call: Call): void {
    if (!remoteAudio) return;
    const stream = call.remoteStream;
    if (stream && remoteAudio.srcObject !== stream) {
      remoteAudio.srcObject = stream;
      void remoteAudio.play().catch(() => undefined);
    }
  }

  function startQuality(call: Call): void {
    if (qualityTimer) return;
    let previous: AudioStatsSample | null = null;
    qualityTimer = setInterval(async () => {
      const connection = call.peer?.instance;
      if (!connection) return;
      try {
        const report = await connection.getStats();
        const sample = readAudioStats(report.values() as Iterable<Record<string, unknown>>);
        if (!sample) return;
        phone.quality = assessQuality(sample, previous);
        previous = sample;
      } catch {
        // The peer connection closed between two samples: the call is ending.
      }
    }, QUALITY_INTERVAL_MS);
  }

  function stopQuality(): void {
    if (qualityTimer) clearInterval(qualityTimer);
    qualityTimer = null;
    phone.quality = null;
  }

  async function ensureMicrophone(): Promise<boolean> {
    if (phone.microphoneAllowed) return true;
    try {
      const allowed = client
        ? await client.checkPermissions(true, false)
        : await navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
            stream.getTracks().forEach((track) => track.stop());
            return true;
          });
      phone.microphoneAllowed = allowed;
    } catch {
      phone.microphoneAllowed = false;
    }
    if (!phone.microphoneAllowed) {
      phone.error = 'Allow microphone access for this site in your browser settings to make and take calls.';
      return false;
    }
    await refreshDevices();
    return true;
  }

  async function dial(e164: string): Promise<void> {
    phone.error = null;
    if (!client || phone.connection !== 'ready') {
      phone.error = 'The phone is not connected yet.';
      return;
    }
    if (phone.inCall) {
      phone.error = 'Hang up the current call first.';
      return;
    }
    if (!(await ensureMicrophone())) return;
    const callerNumber = options.callerNumber();
    const callerName = options.callerName();
    const call = client.newCall({
      destinationNumber: e164,
      audio: true,
      video: false,
      ...(callerNumber ? { callerNumber } : {}),
      ...(callerName ? { callerName } : {}),
      ...(phone.microphoneId ? { micId: phone.microphoneId } : {}),
    });
    calls.set(call.id, call);
    phone.currentCall = { ...snapshot(call, 'outbound'), remoteNumber: e164, phase: 'dialing' };
  }

  async function answer(): Promise<void> {
    const call = incoming();
    if (!call) return;
    phone.error = null;
    stopRinging();
    if (!(await ensureMicrophone())) return;
    if (phone.inCall) await hangup();
    phone.promoteIncoming();
    await call.answer();
  }

  async function reject(): Promise<void> {
    const call = incoming();
    stopRinging();
    // Hanging up a ringing call declines it (the SDK sends USER_BUSY).
    if (call) await call.hangup();
  }

  async function hangup(): Promise<void> {
    const call = current();
    if (call) await call.hangup();
    else if (phone.currentCall) phone.endCall(phone.currentCall.id, null);
  }

  function toggleMute(): void {
    const call = current();
    if (!call) return;
    call.toggleAudioMute();
    phone.updateCall({ id: call.id, muted: call.isAudioMuted });
  }

  async function hold(): Promise<void> {
    await current()?.hold();
  }

  async function unhold(): Promise<void> {
    await current()?.unhold();
  }

  function sendDtmf(digit: string): void {
    current()?.dtmf(digit);
  }

  async function refreshDevices(): Promise<void> {
    const toDevice = (device: MediaDeviceInfo, index: number, kind: string): AudioDevice => ({
      id: device.deviceId,
      label: device.label || `${kind} ${index + 1}`,
    });
    try {
      const [inputs, outputs]: [MediaDeviceInfo[], MediaDeviceInfo[]] = client
        ? await Promise.all([client.getAudioInDevices(), client.getAudioOutDevices()])
        : await navigator.mediaDevices.enumerateDevices().then((all) => [
            all.filter((device) => device.kind === 'audioinput'),
            all.filter((device) => device.kind === 'audiooutput'),
          ]);
      phone.microphones = inputs.map((device, index) => toDevice(device, index, 'Microphone'));
      phone.speakers = outputs.map((device, index) => toDevice(device, index, 'Speaker'));
    } catch {
      // Device lists are a convenience; the default devices still work.
    }
  }

  async function selectMicrophone(deviceId: string): Promise<void> {
    phone.microphoneId = deviceId;
    const call = current();
    if (call && deviceId) await call.setAudioInDevice(deviceId, call.isAudioMuted);
  }

  async function selectSpeaker(deviceId: string): Promise<void> {
    phone.speakerId = deviceId;
    const element = remoteAudio as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (element?.setSinkId) await element.setSinkId(deviceId).catch(() => (phone.error = 'That speaker cannot be used.'));
  }

  async function enableSound(): Promise<void> {
    if (await ringtone.unlock()) phone.soundBlocked = false;
  }

  function attachRemoteAudio(element: HTMLAudioElement | null): void {
    remoteAudio = element;
    if (element && phone.speakerId) void selectSpeaker(phone.speakerId);
    const call = current();
    if (call && element) playRemote(call);
  }

  async function disconnect(): Promise<void> {
    stopping = true;
    for (const timer of [refreshTimer, readyTimer]) if (timer) clearTimeout(timer);
    stopQuality();
    stopRinging();
    const closing = client;
    client = null;
    calls.clear();
    phone.currentCall = null;
    phone.incomingCall = null;
    phone.setConnection('idle');
    await closing?.disconnect().catch(() => undefined);
  }

  function onOffline(): void {
    phone.setConnection('offline', 'This computer is offline.');
  }

  function onOnline(): void {
    if (client) phone.setConnection('reconnecting');
    else void connect();
  }

  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  onBeforeUnmount(() => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    void disconnect();
  });

  const actions: PhoneActions = {
    connect,
    disconnect,
    dial,
    answer,
    reject,
    hangup,
    toggleMute,
    hold,
    unhold,
    sendDtmf,
    ensureMicrophone,
    refreshDevices,
    selectMicrophone,
    selectSpeaker,
    enableSound,
    attachRemoteAudio,
  };
  provide(PHONE_ACTIONS, actions);
  return actions;
}

/** The phone's actions, for any component inside the signed-in layout. */
export function usePhone(): PhoneActions {
  const actions = inject(PHONE_ACTIONS);
  if (!actions) throw new Error('usePhone() needs useTelnyxClient() in a parent component');
  return actions;
}
