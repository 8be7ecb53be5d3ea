import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Metrics } from './metrics';

/** `/webhooks/telnyx/dial-result` → `dial-result`; unknown paths share one value. */
export function webhookKind(routeUrl: string | undefined): string {
  const match = /^\/webhooks\/telnyx\/([a-z-]+)$/.exec(routeUrl ?? '');
  return match?.[1] ?? 'unknown';
}

/** An `onResponse` hook for the webhook routes: one observation per answered webhook, refusals included. */
export function observeWebhookResponse(metrics: Pick<Metrics, 'webhookDuration'>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    metrics.webhookDuration.observe(
      { kind: webhookKind(request.routeOptions.url), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  };
}
