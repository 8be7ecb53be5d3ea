/** TeXML applications: where inbound calls to attached numbers fetch their TeXML (`voice_url`). */
import type { FastifyInstance } from 'fastify';
import { newNumericId } from '../ids/telnyx-ids';
import { requireOwnedVoiceProfile } from './connection-references';
import { containsIgnoringCase } from './list-page';
import { deepMerge, nowIso } from './records';
import { registerResourceCrud } from './resource-crud';
import type { JsonObject, RestDeps } from './serve-operation';

export function registerTexmlApplications(app: FastifyInstance, deps: RestDeps): void {
  registerResourceCrud(app, deps, {
    kind: 'texml_application',
    operations: {
      create: 'CreateTexmlApplication',
      list: 'FindTexmlApplications',
      get: 'GetTexmlApplication',
      update: 'UpdateTexmlApplication',
      delete: 'DeleteTexmlApplication',
    },
    build(body) {
      const now = nowIso();
      return deepMerge(
        {
          id: newNumericId(),
          record_type: 'texml_application',
          friendly_name: '',
          active: true,
          anchorsite_override: 'Latency',
          dtmf_type: 'RFC 2833',
          first_command_timeout: false,
          first_command_timeout_secs: 30,
          voice_url: '',
          voice_method: 'post',
          status_callback_method: 'post',
          call_cost_in_webhooks: false,
          inbound: { sip_subdomain_receive_settings: 'from_anyone', shaken_stir_enabled: false },
          outbound: {},
          tags: [],
          created_at: now,
          updated_at: now,
        },
        body,
      );
    },
    check(record, ctx) {
      const outbound = (record['outbound'] ?? {}) as JsonObject;
      requireOwnedVoiceProfile(ctx, outbound['outbound_voice_profile_id'], '/outbound/outbound_voice_profile_id');
    },
    matches(record, filter) {
      const name = filter['friendly_name'] as string | undefined;
      const profile = filter['outbound_voice_profile_id'] as string | undefined;
      const outbound = (record['outbound'] ?? {}) as JsonObject;
      return (
        (name === undefined || containsIgnoringCase(record['friendly_name'], name)) &&
        (profile === undefined || outbound['outbound_voice_profile_id'] === profile)
      );
    },
    list: { pageSize: 250, sort: 'created_at' },
  });
}
