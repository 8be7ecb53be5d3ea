import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { refuseControlCharacters } from './platform/http/control-characters';
import { registerDateTimeFormat } from './platform/http/date-time-format';
import type { Dependencies } from './dependencies';
import type { SlicePlugin } from './platform/http/slice-plugin';
import { healthRoutes } from './platform/health/health-routes';
import { sessionPlugin } from './platform/sessions/session-plugin';
import { authRoutes, passwordChangeRoutes, passwordLinkRoutes } from './slices/auth';
import { voiceCredentialsRoutes } from './slices/voice-credentials';
import { provisioningRoutes } from './slices/activation';
import { numbersRoutes } from './slices/numbers';
import { accountsRoutes, webhookKeyRoutes } from './slices/accounts';
import { auditRoutes } from './slices/audit';
import { telnyxWebhooks } from './slices/calls';
import { callHistoryRoutes } from './slices/calls';
import { recordingRoutes } from './slices/calls';
import { liveUpdateRoutes } from './platform/live-updates/event-stream-routes';
import { apiDocs } from './platform/api-docs/api-docs-plugin';
import { metricsRoutes } from './platform/observability/metrics-routes';
import { memberRemovalRoutes, memberRoutes } from './slices/team';
import { operatorRoutes } from './slices/operators';

/**
 * Every feature of the backend, registered in this order. Adding a slice is one line here; it gets
 * `{ deps }` as its options and keeps its hooks and parsers (e.g. raw bodies for webhooks) to itself.
 */
const featureSlices: SlicePlugin<Dependencies>[] = [
  // First: reads the session cookie and guards every /api route of every slice below.
  sessionPlugin,
  healthRoutes,
  authRoutes,
  passwordLinkRoutes,
  passwordChangeRoutes,
  voiceCredentialsRoutes,
  provisioningRoutes,
  numbersRoutes,
  accountsRoutes,
  webhookKeyRoutes,
  auditRoutes,
  telnyxWebhooks,
  callHistoryRoutes,
  recordingRoutes,
  liveUpdateRoutes,
  memberRoutes,
  memberRemovalRoutes,
  operatorRoutes,
  metricsRoutes,
];

/** Paths that belong to the API: they never fall back to the web app. */
const SERVER_PATHS = /^\/(api|webhooks|health|metrics|docs)(\/|$|\?)/;

/** A last path segment with an extension names a file (`/assets/app.js`), never a page. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/** An incoming `x-request-id` (from a proxy) is kept when it is safe to log; otherwise a new one is made. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const DEFAULT_FRONTEND_DIR = fileURLToPath(new URL('../../frontend/dist', import.meta.url));

export interface AppOptions {
  /** The built web app; served when it holds an index.html. */
  frontendDir?: string;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

export async function buildApp(deps: Dependencies, options: AppOptions = {}) {
  const app = Fastify({
    loggerInstance: deps.logger,
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Load balancers poll /health and Prometheus scrapes /metrics every few seconds; their failures are logged by the routes.
      disableRequestLogging: (request) => request.url === '/health' || request.url === '/metrics',
    }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(handleError);
  // TypeBox checks bodies exactly as declared: no coercion (`["x"]` is not `"x"`), no silent defaults.
  // Query strings and path parameters are text by nature and are converted to the declared types.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  registerDateTimeFormat();
  app.addHook('preValidation', refuseControlCharacters);

  // Before the slices: the OpenAPI document is built from the routes they declare.
  await app.register(apiDocs);
  for (const slice of featureSlices) await app.register(slice, { deps });

  const frontendDir = options.frontendDir ?? DEFAULT_FRONTEND_DIR;
  const hasFrontend = existsSync(join(frontendDir, 'index.html'));
  if (hasFrontend) {
    await app.register(fastifyStatic, {
      root: frontendDir,
      cacheControl: false,
      // Hashed build assets never change; the page itself must always be revalidated.
      setHeaders: (response, filePath) => {
        const immutable = filePath.startsWith(join(frontendDir, 'assets'));
        response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => handleNotFound(request, reply, hasFrontend));

  return app;
}

/** Client errors keep their message; server errors are logged and answered without internals. */
function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  if (statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(statusCode).send({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Internal Server Error',
      message: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
    });
  }
  return reply
    .code(statusCode)
    .send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message });
}

/**
 * Unknown API paths and missing files get a 404; any other page of the web app gets index.html, so
 * that client-side routes survive a reload.
 */
function handleNotFound(request: FastifyRequest, reply: FastifyReply, hasFrontend: boolean) {
  const path = request.url.split('?')[0] ?? '/';
  const isPage =
    (request.method === 'GET' || request.method === 'HEAD') && !SERVER_PATHS.test(path) && !FILE_NAME.test(path);
  if (isPage && hasFrontend) return reply.sendFile('index.html');
  if (isPage) {
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send('The web app is not built. Run `npm run build --workspace frontend` (or `npm start`) and reload.');
  }
  return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Nothing at ${request.method} ${path}` });
}
