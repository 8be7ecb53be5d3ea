import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/**
 * The gateway's wire seen from a client: sends requests and waits for their replies, and collects
 * the requests the gateway pushes (acknowledging each, as `@telnyx/webrtc` does).
 */

/** A received frame's text, whether `ws` hands it over whole, as an ArrayBuffer or in fragments. */
function frameText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

export interface RpcReply {
  id: string | number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

export interface PushedRequest {
  id: string;
  method: string;
  params: Record<string, unknown>;
}

export class RpcTestClient {
  readonly pushed: PushedRequest[] = [];
  private readonly replies = new Map<string | number, (reply: RpcReply) => void>();
  private readonly pushWaiters: { match: (p: PushedRequest) => boolean; resolve: (p: PushedRequest) => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(frameText(data)) as Record<string, unknown>;
      if (typeof frame['method'] === 'string') {
        const push = frame as unknown as PushedRequest;
        this.socket.send(JSON.stringify({ jsonrpc: '2.0', id: push.id, result: { method: push.method } }));
        this.pushed.push(push);
        for (const waiter of [...this.pushWaiters]) {
          if (waiter.match(push)) {
            this.pushWaiters.splice(this.pushWaiters.indexOf(waiter), 1);
            waiter.resolve(push);
          }
        }
      } else {
        const reply = frame as unknown as RpcReply;
        this.replies.get(reply.id)?.(reply);
        this.replies.delete(reply.id);
      }
    });
  }

  static async connect(url: string): Promise<RpcTestClient> {
    const socket = new WebSocket(`${url}/?voice_sdk_id=test`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RpcTestClient(socket);
  }

  request(method: string, params: Record<string, unknown>): Promise<RpcReply> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${method} within 10 s`)), 10_000);
      this.replies.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** The first pushed request (already received or still to come) that matches. */
  nextPush(
    method: string,
    match: (params: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PushedRequest> {
    const test = (p: PushedRequest) => p.method === method && match(p.params);
    const seen = this.pushed.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} pushed within ${timeoutMs} ms`)), timeoutMs);
      this.pushWaiters.push({
        match: test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
