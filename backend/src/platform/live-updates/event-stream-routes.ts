import type { MikroORM } from '@mikro-orm/core';
import type { SlicePlugin } from '../http/slice-plugin';
import { requireUser, type SessionUser } from '../sessions/session-user';
import { SessionWatch } from '../sessions/session-watch';
import type { LiveUpdate, LiveUpdateHub } from './live-update-hub';

const HEARTBEAT_MS = 15_000;

/** Whether a change concerns this user (the same rule as the call history and the activation page). */
export function concerns(user: SessionUser, update: LiveUpdate): boolean {
  if (update.accountId !== user.accountId) return false;
  if (user.role === 'auditor') return true;
  return update.agentId === user.userId || update.agentId === null;
}

/**
 * `GET /api/events/stream`: Server-Sent Events for the signed-in user — `call` when a row of their
 * call history changes, `activation` when their account's activation moves — as the projections
 * commit them, and `session-ended` (then the stream closes) once their session ends on the server:
 * removed, disabled, signed out elsewhere, new password or role. A comment line every 15 s keeps
 * proxies from closing an idle stream.
 */
export const liveUpdateRoutes: SlicePlugin<{ liveUpdates: LiveUpdateHub; readModels: MikroORM }> = async (
  app,
  { deps },
) => {
  const hub = deps.liveUpdates;
  const sessions = new SessionWatch(deps.readModels);
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
    sessions.close();
  });

  app.get('/api/events/stream', async (request, reply) => {
    const user = requireUser(request);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    response.write(`retry: 3000\n: connected\n\n`);

    const unsubscribe = hub.subscribe((update) => {
      if (!concerns(user, update)) return;
      response.write(`event: ${update.kind}\ndata: ${JSON.stringify(update.data)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
    heartbeat.unref();

    let unwatch = (): void => undefined;
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      open.delete(close);
      if (!response.writableEnded) response.end();
    };
    open.add(close);
    if (request.sessionClaims) {
      unwatch = sessions.watch(request.sessionClaims, () => {
        response.write(`event: session-ended\ndata: {}\n\n`);
        close();
      });
    }
    request.raw.on('close', close);
    response.on('close', close);
    response.on('error', close);
  });
};
