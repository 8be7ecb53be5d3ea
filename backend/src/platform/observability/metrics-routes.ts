import { createHash, timingSafeEqual } from 'node:crypto';
import type { SlicePlugin } from '../http/slice-plugin';
import type { Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares digests, so neither the token's length nor its content leaks through timing. */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * `GET /metrics`: Prometheus text format. Outside sign-in (scrapers have no session); when
 * METRICS_TOKEN is set, the scraper must send `Authorization: Bearer <token>`.
 */
export const metricsRoutes: SlicePlugin<{ metrics: Metrics; config: { metricsToken?: string } }> = async (
  app,
  { deps },
) => {
  const { registry } = deps.metrics;
  const token = deps.config.metricsToken;

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        description: 'Text exposition format. Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set.',
        tags: ['Operations'],
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      if (token !== undefined && !bearerTokenMatches(request.headers.authorization, token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ statusCode: 401, error: 'Unauthorized', message: 'A valid metrics bearer token is required' });
      }
      reply.header('cache-control', 'no-store').type(registry.contentType);
      return registry.metrics();
    },
  );
};
