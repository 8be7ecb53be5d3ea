/** Number search (`GET /available_phone_numbers`) over the simulator's deterministic US inventory. */
import type { FastifyInstance } from 'fastify';
import type { NumberOrderDesk } from './number-order-desk';
import { searchInventory } from './number-inventory';
import { serveOperation, type RestDeps } from './serve-operation';

const FEATURES = ['sms', 'mms', 'voice', 'fax', 'emergency', 'hd_voice'];

interface AvailableFilter {
  country_code?: string;
  locality?: string;
  administrative_area?: string;
  national_destination_code?: string;
  phone_number?: { starts_with?: string; contains?: string; ends_with?: string };
  phone_number_type?: string;
  features?: string[];
  limit?: number;
}

export function registerAvailablePhoneNumbers(app: FastifyInstance, deps: RestDeps, desk: NumberOrderDesk): void {
  serveOperation(app, deps, 'ListAvailablePhoneNumbers', ({ account, state, query }) => {
    const filter = (query['filter'] ?? {}) as AvailableFilter;
    // Only local US numbers are stocked; other countries, types or features simply have none.
    const stocked =
      (filter.country_code ?? 'US').toUpperCase() === 'US' &&
      (filter.phone_number_type ?? 'local') === 'local' &&
      (filter.features ?? []).every((f) => FEATURES.includes(f));
    const numbers = stocked
      ? searchInventory(
          {
            locality: filter.locality,
            administrativeArea: filter.administrative_area,
            nationalDestinationCode: filter.national_destination_code,
            startsWith: filter.phone_number?.starts_with,
            contains: filter.phone_number?.contains,
            endsWith: filter.phone_number?.ends_with,
            limit: Math.min(Math.max(filter.limit ?? 20, 1), 100),
          },
          (e164) => state.findPhoneNumber(e164) !== undefined,
        )
      : [];
    // What a search shows is what this account may then order.
    desk.offer(
      account.id,
      numbers.map((n) => n.e164),
    );
    const data = numbers.map(({ e164, area }) => ({
      record_type: 'available_phone_number',
      phone_number: e164,
      vanity_format: '',
      best_effort: false,
      quickship: true,
      reservable: true,
      region_information: [
        { region_type: 'country_code', region_name: 'US' },
        { region_type: 'rate_center', region_name: area.locality.toUpperCase() },
        { region_type: 'state', region_name: area.state },
        { region_type: 'location', region_name: area.locality },
      ],
      cost_information: { upfront_cost: '1.00', monthly_cost: '1.00', currency: 'USD' },
      features: FEATURES.map((name) => ({ name })),
    }));
    const meta = { total_results: data.length, best_effort_results: 0 };
    return { body: { data, meta, metadata: meta } };
  });
}
