/** Credential connections: SIP/WebRTC connections that telephony credentials (web phone logins) belong to. */
import type { FastifyInstance } from 'fastify';
import { newNumericId } from '../ids/telnyx-ids';
import { requireOwnedVoiceProfile } from './connection-references';
import { containsIgnoringCase } from './list-page';
import { deepMerge, nowIso } from './records';
import { registerResourceCrud, type ResourceDefinition } from './resource-crud';
import type { JsonObject, RestDeps } from './serve-operation';
import { invalid } from './telnyx-errors';

/** What Telnyx fills in for a new credential connection before the request's own fields are merged over it. */
function credentialConnectionDefaults(now: string): JsonObject & { id: string } {
  return {
    id: newNumericId(),
    record_type: 'credential_connection',
    active: true,
    user_name: '',
    password: '',
    connection_name: '',
    anchorsite_override: 'Latency',
    sip_uri_calling_preference: 'disabled',
    default_on_hold_comfort_noise_enabled: true,
    dtmf_type: 'RFC 2833',
    encode_contact_header_enabled: false,
    encrypted_media: null,
    onnet_t38_passthrough_enabled: false,
    call_cost_in_webhooks: false,
    // The spec's default '' would fail its own `format: uri`; null is allowed and means "none".
    webhook_event_failover_url: null,
    webhook_api_version: '1',
    webhook_timeout_secs: null,
    ios_push_credential_id: null,
    android_push_credential_id: null,
    rtcp_settings: { port: 'rtp+1', capture_enabled: false, report_frequency_secs: 5 },
    inbound: {
      ani_number_format: 'E.164-national',
      dnis_number_format: 'e164',
      codecs: ['G722', 'G711U', 'G711A', 'G729', 'OPUS', 'H.264'],
      generate_ringback_tone: false,
      isup_headers_enabled: false,
      prack_enabled: false,
      shaken_stir_enabled: false,
      simultaneous_ringing: 'disabled',
      sip_compact_headers_enabled: true,
      timeout_1xx_secs: 3,
      timeout_2xx_secs: 90,
    },
    outbound: {
      ani_override: '',
      ani_override_type: 'always',
      call_parking_enabled: false,
      generate_ringback_tone: false,
      instant_ringback_enabled: true,
      localization: 'US',
      t38_reinvite_source: 'telnyx',
    },
    tags: [],
    created_at: now,
    updated_at: now,
  };
}

const credentialConnections: ResourceDefinition = {
  kind: 'credential_connection',
  operations: {
    create: 'CreateCredentialConnection',
    list: 'ListCredentialConnections',
    get: 'RetrieveCredentialConnection',
    update: 'UpdateCredentialConnection',
    delete: 'DeleteCredentialConnection',
  },
  build(body) {
    return deepMerge(credentialConnectionDefaults(nowIso()), body);
  },
  check(record, ctx) {
    const outbound = (record['outbound'] ?? {}) as JsonObject;
    requireOwnedVoiceProfile(ctx, outbound['outbound_voice_profile_id'], '/outbound/outbound_voice_profile_id');
    // Telnyx: "texml can only be set when the outbound object parameter call_parking_enabled is ... true".
    if (record['webhook_api_version'] === 'texml' && outbound['call_parking_enabled'] !== true) {
      throw invalid(
        '/webhook_api_version',
        'webhook_api_version "texml" requires outbound.call_parking_enabled = true.',
      );
    }
    // SIP user names are global on Telnyx: another connection already using it is a conflict.
    for (const r of ctx.state.resources.values()) {
      if (
        r.kind === 'credential_connection' &&
        r.record.id !== record.id &&
        r.record['user_name'] === record['user_name']
      ) {
        throw invalid('/user_name', `The user name ${String(record['user_name'])} is already taken.`);
      }
    }
  },
  matches(record, filter) {
    const name = filter['connection_name'] as { contains?: string } | undefined;
    const profile = filter['outbound_voice_profile_id'] as string | undefined;
    const outbound = (record['outbound'] ?? {}) as JsonObject;
    return (
      (name?.contains === undefined || containsIgnoringCase(record['connection_name'], name.contains)) &&
      (profile === undefined || outbound['outbound_voice_profile_id'] === profile)
    );
  },
  list: { pageSize: 250, sort: 'created_at' },
};

export function registerCredentialConnections(app: FastifyInstance, deps: RestDeps): void {
  registerResourceCrud(app, deps, credentialConnections);
}
