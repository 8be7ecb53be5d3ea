import type Telnyx from 'telnyx';
import type { AvailableNumber } from '@curbe-voice/contracts/api/numbers';
import { callTelnyx, TelnyxPermanentError, TelnyxTransientError } from './telnyx-errors';

/** A search for numbers to buy. */
export interface AvailableNumberQuery {
  areaCode?: string;
  locality?: string;
  administrativeArea?: string;
  contains?: string;
  limit?: number;
}

/** Telnyx's offers are passed on to the web app as they are. */
export type { AvailableNumber };

export interface OwnedNumber {
  id: string;
  connectionId: string | null;
}

/** What the numbers slice asks of Telnyx, inside one managed account. */
export interface NumbersTelnyx {
  searchAvailable(query: AvailableNumberQuery): Promise<AvailableNumber[]>;
  findOwned(phoneNumber: string): Promise<OwnedNumber | undefined>;
  /** Orders one number (onto `connectionId` when given); returns the order id and the new number's id. */
  order(phoneNumber: string, connectionId: string | null): Promise<{ numberOrderId: string; phoneNumberId: string }>;
  attach(phoneNumberId: string, connectionId: string): Promise<void>;
  /** Deletes the number at Telnyx; a number Telnyx no longer has counts as released. */
  release(phoneNumberId: string): Promise<void>;
}

/** An order is sent once: a blind retry after Telnyx committed would fail on a number it already sold us. */
const ONCE = { maxRetries: 0 } as const;

const region = (regions: { region_type?: string; region_name?: string }[] | undefined, type: string): string | null =>
  regions?.find((r) => r.region_type === type)?.region_name ?? null;

/** The SDK-backed implementation, given a client that carries the managed account's key. */
export function numbersTelnyx(client: Telnyx): NumbersTelnyx {
  const findOwned = (phoneNumber: string) =>
    callTelnyx(async () => {
      const page = await client.phoneNumbers.list({ filter: { phone_number: phoneNumber } });
      const found = page.data.find((n) => n.phone_number === phoneNumber && n.id);
      return found
        ? { id: String(found.id), connectionId: found.connection_id ? String(found.connection_id) : null }
        : undefined;
    });
  return {
    searchAvailable: (query) =>
      callTelnyx(async () => {
        const response = await client.availablePhoneNumbers.list({
          filter: {
            country_code: 'US',
            features: ['voice'],
            limit: query.limit ?? 20,
            ...(query.areaCode ? { national_destination_code: query.areaCode } : {}),
            ...(query.locality ? { locality: query.locality } : {}),
            ...(query.administrativeArea ? { administrative_area: query.administrativeArea } : {}),
            ...(query.contains ? { phone_number: { contains: query.contains } } : {}),
          },
        });
        return (response.data ?? []).flatMap((n) =>
          n.phone_number
            ? [
                {
                  phoneNumber: n.phone_number,
                  locality: region(n.region_information, 'location'),
                  region: region(n.region_information, 'state'),
                  monthlyCost: n.cost_information?.monthly_cost ?? null,
                  currency: n.cost_information?.currency ?? null,
                },
              ]
            : [],
        );
      }),
    findOwned,
    order: async (phoneNumber, connectionId) => {
      const order = await callTelnyx(async () => {
        const body = {
          phone_numbers: [{ phone_number: phoneNumber }],
          ...(connectionId ? { connection_id: connectionId } : {}),
        };
        return (await client.numberOrders.create(body, ONCE)).data;
      });
      if (!order?.id) throw new Error('Telnyx returned a number order without an id');
      const owned = await findOwned(phoneNumber);
      if (!owned) {
        // Real orders can take a moment; ordering again finds the number and takes it over.
        throw new TelnyxTransientError(
          undefined,
          [],
          `Number order ${order.id} is not complete yet; try again shortly`,
          undefined,
        );
      }
      return { numberOrderId: order.id, phoneNumberId: owned.id };
    },
    attach: (phoneNumberId, connectionId) =>
      callTelnyx(async () => {
        await client.phoneNumbers.update(phoneNumberId, { connection_id: connectionId });
      }),
    release: async (phoneNumberId) => {
      try {
        await callTelnyx(() => client.phoneNumbers.delete(phoneNumberId));
      } catch (error) {
        if (error instanceof TelnyxPermanentError && error.status === 404) return;
        throw error;
      }
    },
  };
}
