/** What a matched fault does to a request: delay it, answer it with an error, or never answer it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorBody } from '../rest/telnyx-errors';
import type { Fault } from './fault-registry';

/** Applies a fault before the operation runs. Resolves to true when the request has been answered (or abandoned). */
export async function applyFaultBeforeHandler(
  fault: Fault,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.timeout) {
    // Hold the socket without answering until the client gives up (or the server closes).
    reply.hijack();
    const socket = request.raw.socket;
    if (!socket.destroyed) await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    return true;
  }
  if (fault.status === undefined) return false;
  sendFaultError(fault, reply, fault.status);
  return true;
}

export function sendFaultError(fault: Fault, reply: FastifyReply, status: number): void {
  if (fault.retry_after !== undefined) reply.header('retry-after', String(fault.retry_after));
  const [code, title] =
    status === 429
      ? ['10011', 'Too many requests']
      : status === 503
        ? ['10008', 'Service unavailable']
        : ['10007', 'Unexpected error'];
  reply.code(status).send(errorBody([{ code, title, detail: `Injected fault ${fault.id}.` }]));
}
