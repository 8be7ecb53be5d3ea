import type { WebSocket } from 'ws';
import type { CallEngine } from '../calls/call-engine';
import type { SipEndpoint, SipEndpointRegistry } from '../calls/dial-legs';
import type { SimState } from '../state/sim-state';
import { GatewayConnection } from './gateway-connection';
import type { OutboundBrowserCall } from './outbound-call';

/**
 * The simulator's stand-in for Telnyx's WebRTC gateway: accepts `@telnyx/webrtc` sockets, knows
 * which SIP user is online where (so `<Dial><Sip>` rings the browser), and routes the engine's news
 * about browser-placed calls to them.
 */
export class WebRtcGateway implements SipEndpointRegistry {
  private readonly connections = new Set<GatewayConnection>();
  /** SIP username → its logged-in sockets, latest last (calls ring the latest). */
  private readonly online = new Map<string, GatewayConnection[]>();
  /** Engine call sid → the browser call that placed it. */
  private readonly outbound = new Map<string, OutboundBrowserCall>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    readonly engine: CallEngine,
    private readonly state: SimState,
  ) {
    this.unsubscribe = [
      engine.onCallStatus(({ callSid, status }) => this.outbound.get(callSid)?.statusChanged(status)),
      engine.onDialAnswered(({ callSid }) => this.outbound.get(callSid)?.dialAnswered()),
    ];
  }

  accept(socket: WebSocket): void {
    this.connections.add(new GatewayConnection(socket, this));
  }

  lookup(sipUsername: string): SipEndpoint | undefined {
    return this.online.get(sipUsername)?.at(-1);
  }

  /** The SIP username a token's credential logs in as; undefined if deleted or expired. */
  sipUsernameOfCredential(credentialId: string): string | undefined {
    const credential = this.state.resources.get(credentialId);
    if (!credential || credential.kind !== 'telephony_credential') return undefined;
    const expiresAt = credential.record['expires_at'];
    if (typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now()) return undefined;
    const sipUsername = credential.record['sip_username'];
    return typeof sipUsername === 'string' && sipUsername ? sipUsername : undefined;
  }

  /** A socket logged in (again, possibly as another user): it becomes the one its user's calls ring. */
  registered(connection: GatewayConnection, sipUsername: string): void {
    this.goOffline(connection);
    this.online.set(sipUsername, [...(this.online.get(sipUsername) ?? []), connection]);
  }

  disconnected(connection: GatewayConnection): void {
    this.connections.delete(connection);
    this.goOffline(connection);
  }

  trackOutbound(call: OutboundBrowserCall): void {
    this.outbound.set(call.callSid, call);
  }

  untrackOutbound(callSid: string): void {
    this.outbound.delete(callSid);
  }

  private goOffline(connection: GatewayConnection): void {
    for (const [user, sockets] of this.online) {
      const rest = sockets.filter((s) => s !== connection);
      if (rest.length) this.online.set(user, rest);
      else this.online.delete(user);
    }
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
    for (const connection of [...this.connections]) connection.close();
  }
}
