import type { AvailableNumber } from '../api/types';

/** What a number costs a month as Telnyx quotes it, e.g. `1.00 USD a month`; said plainly when unknown. */
export function monthlyCostText(number: Pick<AvailableNumber, 'monthlyCost' | 'currency'>): string {
  if (!number.monthlyCost) return 'a monthly price Telnyx did not quote';
  return `${number.monthlyCost} ${number.currency ?? ''}`.trim() + ' a month';
}
