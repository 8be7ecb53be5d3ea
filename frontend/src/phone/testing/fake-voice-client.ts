import type { ICallOptions, ITelnyxStandardErrorEvent, ITelnyxWarningEvent } from '@telnyx/webrtc';
import type { VoiceCall, VoiceClient, VoiceClientEvents } from '../voice-client';

/*
 * Stands in for the Telnyx SDK client in unit tests. It keeps the SDK's event names and payloads and
 * reports every change of a call's state as the SDK does: a `callUpdate` notification carrying the
 * same call object. The browser end-to-end tests run the real SDK.
 */

/** SDK states from `active` on; hanging up before them declines the call (USER_BUSY), as the SDK does. */
const ANSWERED_STATES = new Set(['active', 'held']);

export class FakeVoiceCall implements VoiceCall {
  state = 'new';
  cause?: string;
  isAudioMuted = false;
  remoteStream?: MediaStream;
  /** DTMF digits sent, in order. */
  readonly tones: string[] = [];
  microphoneId: string | null = null;
  answered = false;

  constructor(
    private readonly client: FakeVoiceClient,
    readonly id: string,
    readonly direction: 'inbound' | 'outbound',
    readonly options: ICallOptions & { remoteCallerNumber?: string; remoteCallerName?: string },
  ) {}

  /** The SDK moved the call on, and says so. */
  setState(state: string): void {
    this.state = state;
    this.client.emit('telnyx.notification', { type: 'callUpdate', call: this });
  }

  /** The far end (or the network) ended the call. */
  endRemotely(cause: string): void {
    this.cause = cause;
    this.setState('hangup');
    this.setState('destroy');
  }

  async answer(): Promise<void> {
    this.answered = true;
    this.setState('answering');
  }

  async hangup(): Promise<void> {
    this.endRemotely(ANSWERED_STATES.has(this.state) ? 'NORMAL_CLEARING' : 'USER_BUSY');
  }

  async hold(): Promise<void> {
    this.setState('held');
  }

  async unhold(): Promise<void> {
    this.setState('active');
  }

  toggleAudioMute(): void {
    this.isAudioMuted = !this.isAudioMuted;
  }

  dtmf(digit: string): void {
    this.tones.push(digit);
  }

  async setAudioInDevice(deviceId: string): Promise<void> {
    this.microphoneId = deviceId;
  }
}

type Handler = (...args: never[]) => void;

export class FakeVoiceClient implements VoiceClient {
  connected = false;
  disconnected = false;
  /** Tokens passed to `login()` after the first connect, i.e. refreshes. */
  readonly logins: string[] = [];
  /** Calls the agent placed, in order. */
  readonly placed: FakeVoiceCall[] = [];
  microphoneAllowed = true;
  microphones: MediaDeviceInfo[] = [
    device('mic-1', 'audioinput', 'Desk microphone'),
    device('mic-2', 'audioinput', ''),
  ];
  speakers: MediaDeviceInfo[] = [device('spk-1', 'audiooutput', 'Headset')];
  private readonly handlers = new Map<string, Handler[]>();
  private nextId = 1;

  on<Name extends keyof VoiceClientEvents>(event: Name, handler: VoiceClientEvents[Name]): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  emit<Name extends keyof VoiceClientEvents>(event: Name, ...payload: Parameters<VoiceClientEvents[Name]>): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (...args: typeof payload) => void)(...payload);
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  async login(params: { creds: { login_token: string } }): Promise<void> {
    this.logins.push(params.creds.login_token);
  }

  newCall(options: ICallOptions): FakeVoiceCall {
    const call = new FakeVoiceCall(this, `call-${this.nextId++}`, 'outbound', options);
    this.placed.push(call);
    return call;
  }

  /** Someone calls the agent: the SDK offers the call, then reports it ringing. */
  ring(from: string, name?: string): FakeVoiceCall {
    const call = new FakeVoiceCall(this, `call-${this.nextId++}`, 'inbound', {
      remoteCallerNumber: from,
      ...(name ? { remoteCallerName: name } : {}),
    });
    call.setState('new');
    call.setState('ringing');
    return call;
  }

  async checkPermissions(): Promise<boolean> {
    return this.microphoneAllowed;
  }

  async getAudioInDevices(): Promise<MediaDeviceInfo[]> {
    return this.microphones;
  }

  async getAudioOutDevices(): Promise<MediaDeviceInfo[]> {
    return this.speakers;
  }
}

function device(deviceId: string, kind: MediaDeviceKind, label: string): MediaDeviceInfo {
  return { deviceId, kind, label, groupId: 'default', toJSON: () => ({ deviceId, kind, label }) };
}

/** A `telnyx.error` event as the SDK emits it; with `callId` it is about one call. */
export function sdkError(
  code: ITelnyxStandardErrorEvent['error']['code'],
  message: string,
  callId?: string,
): ITelnyxStandardErrorEvent {
  return {
    error: {
      code,
      name: 'ERROR',
      message,
      description: message,
      causes: [],
      solutions: [],
      fatal: callId === undefined,
    },
    sessionId: 'session-1',
    ...(callId ? { callId } : {}),
  };
}

/** The SDK's TOKEN_EXPIRING_SOON warning. */
export function tokenExpiringSoon(): ITelnyxWarningEvent {
  return {
    warning: {
      code: 34001,
      name: 'TOKEN_EXPIRING_SOON',
      message: 'Authentication token expiring soon',
      description: 'The authentication token is approaching its expiration time.',
      causes: [],
      solutions: [],
    },
    sessionId: 'session-1',
  };
}
