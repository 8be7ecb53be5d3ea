import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { webhookSchema } from './webhook-docs';

/** Groups in the documentation, by URL prefix (first match wins). */
const TAGS: [RegExp, string][] = [
  [/^\/api\/auth\//, 'Sign-in'],
  [/^\/api\/accounts\/[^/]+\/activation/, 'Activation'],
  [/^\/api\/accounts\/[^/]+\/numbers/, 'Numbers'],
  [/^\/api\/accounts\/[^/]+\/agents/, 'Agents'],
  [/^\/api\/accounts\//, 'Accounts'],
  [/^\/api\/calls/, 'Calls'],
  [/^\/api\/voice\//, 'Web phone'],
  [/^\/api\/audit\//, 'Audit'],
  [/^\/api\/events\//, 'Live updates'],
  [/^\/webhooks\/telnyx\//, 'Telnyx webhooks'],
  [/^\/(health|metrics)$/, 'Operations'],
];

const tagOf = (url: string): string | undefined => TAGS.find(([pattern]) => pattern.test(url))?.[1];

/** What is not part of the API: the web app's files and fallbacks. */
const isDocumented = (url: string): boolean => /^\/(api|webhooks|health$|metrics$)/.test(url);

const API_DESCRIPTION = `The HTTP API of Curbe Voice, generated from the routes' own schemas.

- Routes under \`/api\` need a signed-in user (the session cookie from \`POST /api/auth/login\`), except sign-in itself.
- Every \`POST\`, \`PUT\`, \`PATCH\` and \`DELETE\` under \`/api\` must carry \`x-curbe-csrf: 1\`.
- \`/webhooks/telnyx/*\` are called by Telnyx and verified by their Ed25519 signature.
- \`/metrics\` needs \`Authorization: Bearer <METRICS_TOKEN>\` when that variable is set.`;

/**
 * `GET /docs` (Swagger UI) and `GET /docs/json` (OpenAPI 3). Registered before every slice so that it
 * sees their routes; not encapsulated (fastify-plugin), for the same reason. Open to anyone: it
 * describes the API, it grants nothing.
 */
const plugin: FastifyPluginAsync = async (app) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Curbe Voice API', version: '1', description: API_DESCRIPTION },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'curbe_session',
            description: 'Set by POST /api/auth/login (`__Host-curbe_session` when PUBLIC_URL is https)',
          },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when set' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const documented = webhookSchema(url) ?? schema ?? {};
      const tag = tagOf(url);
      if (!tag || !isDocumented(url) || route.method === 'HEAD') return { schema: { ...documented, hide: true }, url };
      const security =
        url.startsWith('/api/') && url !== '/api/auth/login'
          ? [{ session: [] }]
          : url === '/metrics'
            ? [{ metricsToken: [] }]
            : [];
      return { schema: { tags: [tag], security, ...documented }, url };
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
};

export const apiDocs = fastifyPlugin(plugin, { name: 'curbe-api-docs', fastify: '5.x' });
