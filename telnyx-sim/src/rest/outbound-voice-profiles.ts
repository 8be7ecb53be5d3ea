/** Outbound voice profiles: the spend limits and destinations outbound calls are held to. */
import type { FastifyInstance } from 'fastify';
import { newNumericId } from '../ids/telnyx-ids';
import { containsIgnoringCase } from './list-page';
import { deepMerge, nowIso } from './records';
import { registerResourceCrud } from './resource-crud';
import type { RestDeps } from './serve-operation';

export function registerOutboundVoiceProfiles(app: FastifyInstance, deps: RestDeps): void {
  registerResourceCrud(app, deps, {
    kind: 'outbound_voice_profile',
    operations: {
      create: 'CreateVoiceProfile',
      list: 'ListOutboundVoiceProfiles',
      get: 'GetOutboundVoiceProfile',
      update: 'UpdateOutboundVoiceProfile',
      delete: 'DeleteOutboundVoiceProfile',
    },
    build(body) {
      const now = nowIso();
      return deepMerge(
        {
          id: newNumericId(),
          record_type: 'outbound_voice_profile',
          name: '',
          connections_count: 0,
          traffic_type: 'conversational',
          service_plan: 'global',
          concurrent_call_limit: null,
          enabled: true,
          tags: [],
          usage_payment_method: 'rate-deck',
          whitelisted_destinations: ['US', 'CA'],
          daily_spend_limit_enabled: false,
          call_recording: {
            call_recording_type: 'none',
            call_recording_caller_phone_numbers: [],
            call_recording_channels: 'single',
            call_recording_format: 'wav',
          },
          billing_group_id: null,
          created_at: now,
          updated_at: now,
        },
        body,
      );
    },
    matches(record, filter) {
      const name = filter['name'] as { contains?: string } | undefined;
      return name?.contains === undefined || containsIgnoringCase(record['name'], name.contains);
    },
    list: { pageSize: 20, sort: '-created_at' },
  });
}
