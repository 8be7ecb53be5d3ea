import type { ICallOptions, INotification, ITelnyxErrorEvent, ITelnyxWarningEvent } from '@telnyx/webrtc';
import type { VoiceCredentials } from '../api/types';

/*
 * The part of `@telnyx/webrtc` the phone uses, with the SDK's own member and event names, so that the
 * SDK's objects fit it as they are. Only this file loads the SDK; unit tests stand in for it here and
 * the browser end-to-end tests run the real one.
 */

/** One call as the SDK reports it. */
export interface VoiceCall {
  readonly id: string;
  /** The SDK's state name: new, requesting, trying, early, ringing, answering, active, held, hangup, destroy, purge. */
  readonly state: string;
  readonly direction: string;
  /** Why the call ended, in SIP-style words (NORMAL_CLEARING, USER_BUSY, …). */
  readonly cause?: string;
  readonly options: Pick<ICallOptions, 'destinationNumber'> & {
    remoteCallerNumber?: string;
    remoteCallerName?: string;
  };
  readonly isAudioMuted: boolean;
  readonly remoteStream?: MediaStream;
  readonly peer?: { readonly instance?: Pick<RTCPeerConnection, 'getStats'> };
  answer(): Promise<void>;
  hangup(): Promise<void>;
  hold(): Promise<unknown>;
  unhold(): Promise<unknown>;
  toggleAudioMute(): void;
  dtmf(digit: string): void;
  setAudioInDevice(deviceId: string, muted?: boolean): Promise<void>;
}

/** The SDK's `telnyx.notification` payload, with its call narrowed to what the phone reads. */
export interface VoiceNotification extends Omit<INotification, 'call'> {
  call?: VoiceCall;
}

/** The client events the phone listens to, and what the SDK passes with each. */
export interface VoiceClientEvents {
  'telnyx.ready': () => void;
  'telnyx.error': (event: ITelnyxErrorEvent) => void;
  'telnyx.warning': (event: ITelnyxWarningEvent) => void;
  'telnyx.notification': (notification: VoiceNotification) => void;
  'telnyx.socket.close': () => void;
  'telnyx.socket.error': () => void;
}

/** The SDK client: one per signed-in agent. */
export interface VoiceClient {
  on<Name extends keyof VoiceClientEvents>(event: Name, handler: VoiceClientEvents[Name]): void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Logs in again on the open socket, e.g. with a fresh token. */
  login(params: { creds: { login_token: string } }): Promise<void>;
  newCall(options: ICallOptions): VoiceCall;
  checkPermissions(audio: boolean, video: boolean): Promise<boolean>;
  getAudioInDevices(): Promise<MediaDeviceInfo[]>;
  getAudioOutDevices(): Promise<MediaDeviceInfo[]>;
}

/** Creates the SDK client for these credentials, not yet connected. */
export async function createTelnyxClient(credentials: VoiceCredentials): Promise<VoiceClient> {
  // Loaded on demand: the SDK is most of the app's weight, and sign-in does not need it.
  const { TelnyxRTC } = await import('@telnyx/webrtc');
  const host = credentials.connection?.host;
  // `host` is not in the SDK's published options type but is honoured; never set `region` (it rewrites the host).
  const clientOptions = {
    login_token: credentials.token,
    ...(host ? { host } : {}),
    // A custom gateway (the local simulator) runs without Telnyx's STUN/TURN servers.
    ...(credentials.connection?.iceServers
      ? { iceServers: credentials.connection.iceServers }
      : host
        ? { iceServers: [] }
        : {}),
  };
  const sdk = new TelnyxRTC(clientOptions);
  return {
    on: (event, handler) => void sdk.on(event, handler),
    connect: () => sdk.connect(),
    disconnect: () => sdk.disconnect(),
    login: (params) => sdk.login(params),
    newCall: (options) => sdk.newCall(options),
    checkPermissions: (audio, video) => sdk.checkPermissions(audio, video),
    getAudioInDevices: () => sdk.getAudioInDevices(),
    getAudioOutDevices: () => sdk.getAudioOutDevices(),
  };
}
