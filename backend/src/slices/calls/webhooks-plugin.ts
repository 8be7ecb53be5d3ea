import type { MikroORM } from '@mikro-orm/core';
import type { EventStore } from '@curbe-voice/event-store';
import type { SlicePlugin } from '../../platform/http/slice-plugin';
import type { Logger } from '../../platform/logging/create-logger';
import type { Metrics } from '../../platform/observability/metrics';
import type { RecordingStorage } from './recordings/recording-storage';
import { CallStreams } from './call-streams';
import { registerCallbackRoutes } from './callbacks/callback-routes';
import { CallingPolicy } from './routing/calling-policy';
import { registerCallRoutingRoutes } from './routing/call-routing-routes';
import { webhookUrlsFor } from './routing/call-texml';
import { RoutingLookup } from './routing/routing-lookup';
import { RecordingCopier } from './recordings/recording-copier';
import { resumePendingCopies } from './recordings/resume-pending-copies';
import { observeWebhookResponse } from '../../platform/observability/webhook-metrics';
import { parseWebhookForm } from '../../platform/telnyx/webhook-form';
import type { WebhookKeyDirectory } from '../accounts';
import { WebhookAuthentication } from './webhook-authentication';

/** TeXML webhook bodies are a few hundred bytes; anything near this is not from Telnyx. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * Everything Telnyx calls: `/webhooks/telnyx/*`. Bodies are kept raw (in this plugin only) because the
 * Ed25519 signature covers the exact bytes; every request is verified before anything else happens —
 * a bad or missing signature, or an `AccountSid` that is none of our agencies' Telnyx accounts, is
 * answered 401 and nothing is read or stored. The signature must verify with a key of the account it
 * names, or with the manager's key.
 */
export interface CallWebhookDeps {
  config: { publicUrl: string };
  logger: Logger;
  eventStore: EventStore;
  readModels: MikroORM;
  telnyx: { webhookPublicKey: string };
  accounts: { webhookKeys: WebhookKeyDirectory };
  recordings: RecordingStorage;
  metrics: Metrics;
}

export const telnyxWebhooks: SlicePlugin<CallWebhookDeps> = async (app, { deps }) => {
  const authentication = new WebhookAuthentication(deps.telnyx.webhookPublicKey, deps.accounts.webhookKeys);

  // Latency by webhook and status, refusals (401/400) included.
  app.addHook('onResponse', observeWebhookResponse(deps.metrics));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.addHook('preHandler', async (request, reply) => {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const check = await authentication.check({ rawBody, headers: request.headers, query: request.query });
    if (!check.ok) {
      request.log.warn({ reason: check.reason, url: request.url }, 'webhook refused: bad signature');
      return reply
        .code(401)
        .send({ statusCode: 401, error: 'Unauthorized', message: 'Invalid Telnyx webhook signature' });
    }
  });

  const calls = new CallStreams(deps.eventStore);
  const copier = new RecordingCopier({
    storage: deps.recordings,
    calls,
    logger: deps.logger.child({ component: 'recordings' }),
  });
  app.addHook('onClose', () => copier.close());
  app.addHook('onReady', async () => {
    await resumePendingCopies({ orm: deps.readModels, calls, copier, logger: deps.logger });
  });

  const formOf = (request: { body: unknown; headers: Record<string, unknown> }) =>
    parseWebhookForm(
      typeof request.body === 'string' ? request.body : '',
      request.headers['content-type'] as string | undefined,
    );

  registerCallRoutingRoutes(app, {
    calls,
    lookup: new RoutingLookup(deps.readModels),
    policy: new CallingPolicy(deps.eventStore),
    urls: webhookUrlsFor(deps.config.publicUrl),
    formOf,
  });
  registerCallbackRoutes(app, { calls, copier, formOf });
};
