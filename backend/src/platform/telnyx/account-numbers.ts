import type Telnyx from 'telnyx';
import type { AvailableNumber } from '@curbe-voice/contracts/api/numbers';
import { callTelnyx, TelnyxPermanentError } from './telnyx-errors';

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

/** A number the managed account holds at Telnyx. */
export interface AccountNumber extends OwnedNumber {
  phoneNumber: string;
}

/** Where a number order stands for one of its numbers; `failureReason` is Telnyx's, when it failed. */
export interface NumberOrderOutcome {
  numberOrderId: string;
  status: 'pending' | 'success' | 'failure';
  failureReason: string | null;
}

/** What the numbers slice asks of Telnyx, inside one managed account. */
export interface NumbersTelnyx {
  searchAvailable(query: AvailableNumberQuery): Promise<AvailableNumber[]>;
  findOwned(phoneNumber: string): Promise<OwnedNumber | undefined>;
  /** Orders one number (onto `connectionId` when given); Telnyx usually answers `pending`. */
  order(phoneNumber: string, connectionId: string | null): Promise<NumberOrderOutcome>;
  attach(phoneNumberId: string, connectionId: string): Promise<void>;
  /** Deletes the number at Telnyx; a number Telnyx no longer has counts as released. */
  release(phoneNumberId: string): Promise<void>;
  /** Where the order stands now for `phoneNumber`. */
  orderOutcome(numberOrderId: string, phoneNumber: string): Promise<NumberOrderOutcome>;
  /** Every number the managed account holds at Telnyx. */
  listOwned(): Promise<AccountNumber[]>;
}

/** An order is sent once: a blind retry after Telnyx committed would fail on a number it already holds for us. */
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
    order: (phoneNumber, connectionId) =>
      callTelnyx(async () => {
        const body = {
          phone_numbers: [{ phone_number: phoneNumber }],
          ...(connectionId ? { connection_id: connectionId } : {}),
        };
        return outcomeOf((await client.numberOrders.create(body, ONCE)).data, phoneNumber);
      }),
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
    orderOutcome: (numberOrderId, phoneNumber) =>
      callTelnyx(async () => outcomeOf((await client.numberOrders.retrieve(numberOrderId)).data, phoneNumber)),
    listOwned: () =>
      callTelnyx(async () => {
        const numbers: AccountNumber[] = [];
        for await (const n of client.phoneNumbers.list()) {
          if (!n.id || !n.phone_number) continue;
          const connectionId = n.connection_id ? String(n.connection_id) : null;
          numbers.push({ id: String(n.id), phoneNumber: n.phone_number, connectionId });
        }
        return numbers;
      }),
  };
}

type NumberOrderData = Awaited<ReturnType<Telnyx['numberOrders']['retrieve']>>['data'];

/** The order's status for one number: the number's own status when Telnyx gives it, else the order's. */
export function outcomeOf(order: NumberOrderData, phoneNumber: string): NumberOrderOutcome {
  if (!order?.id) throw new Error('Telnyx returned a number order without an id');
  const line = order.phone_numbers?.find((n) => n.phone_number === phoneNumber);
  const status = line?.status ?? order.status ?? 'pending';
  if (status !== 'failure') return { numberOrderId: order.id, status, failureReason: null };
  const details = (line?.regulatory_requirements ?? []).flatMap((r) => (r.field_value ? [r.field_value] : []));
  const requirements = line?.requirements_status ? ` (requirements ${line.requirements_status})` : '';
  const reason = details.length > 0 ? details.join('; ') : `Telnyx could not complete the order${requirements}`;
  return { numberOrderId: order.id, status, failureReason: reason };
}
