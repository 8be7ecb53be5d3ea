/**
 * The simulator's stock of purchasable US numbers: deterministic (the same search gives the same
 * numbers), plausible (real area codes with their city and state, no N11 or 555 exchanges), and
 * never a number some account already owns. Pure apart from the `isOwned` callback.
 */

export interface AreaCode {
  npa: string;
  locality: string;
  state: string;
}

export const AREA_CODES: readonly AreaCode[] = [
  { npa: '212', locality: 'New York', state: 'NY' },
  { npa: '305', locality: 'Miami', state: 'FL' },
  { npa: '786', locality: 'Miami', state: 'FL' },
  { npa: '813', locality: 'Tampa', state: 'FL' },
  { npa: '407', locality: 'Orlando', state: 'FL' },
  { npa: '312', locality: 'Chicago', state: 'IL' },
  { npa: '415', locality: 'San Francisco', state: 'CA' },
  { npa: '213', locality: 'Los Angeles', state: 'CA' },
  { npa: '512', locality: 'Austin', state: 'TX' },
  { npa: '713', locality: 'Houston', state: 'TX' },
  { npa: '214', locality: 'Dallas', state: 'TX' },
  { npa: '602', locality: 'Phoenix', state: 'AZ' },
  { npa: '617', locality: 'Boston', state: 'MA' },
  { npa: '704', locality: 'Charlotte', state: 'NC' },
  { npa: '404', locality: 'Atlanta', state: 'GA' },
  { npa: '206', locality: 'Seattle', state: 'WA' },
  { npa: '303', locality: 'Denver', state: 'CO' },
];

export interface NumberSearch {
  locality?: string;
  administrativeArea?: string;
  nationalDestinationCode?: string;
  startsWith?: string;
  contains?: string;
  endsWith?: string;
  limit: number;
}

export interface InventoryNumber {
  e164: string;
  area: AreaCode;
}

/** How many candidates per area code are considered before giving up on a pattern. */
const CANDIDATES_PER_AREA = 20_000;

export function searchInventory(search: NumberSearch, isOwned: (e164: string) => boolean): InventoryNumber[] {
  const digits = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\D/g, ''));
  const startsWith = stripCountryCode(digits(search.startsWith));
  const contains = digits(search.contains);
  const endsWith = digits(search.endsWith);
  const areas = AREA_CODES.filter(
    (a) =>
      (search.locality === undefined || a.locality.toLowerCase() === search.locality.toLowerCase()) &&
      (search.administrativeArea === undefined || a.state.toLowerCase() === search.administrativeArea.toLowerCase()) &&
      (search.nationalDestinationCode === undefined || a.npa === search.nationalDestinationCode) &&
      (startsWith === undefined || a.npa.startsWith(startsWith.slice(0, 3))),
  );
  const found: InventoryNumber[] = [];
  for (let n = 0; n < CANDIDATES_PER_AREA && found.length < search.limit; n++) {
    for (const area of areas) {
      const national = `${area.npa}${candidate(area.npa, n)}`;
      if (startsWith !== undefined && !national.startsWith(startsWith)) continue;
      if (contains !== undefined && !national.includes(contains)) continue;
      if (endsWith !== undefined && !national.endsWith(endsWith)) continue;
      const e164 = `+1${national}`;
      if (isOwned(e164)) continue;
      found.push({ e164, area });
      if (found.length >= search.limit) break;
    }
  }
  return found;
}

/** The n-th 7-digit subscriber number of an area code (exchange 200-999 without N11/555, then the line). */
function candidate(npa: string, n: number): string {
  const seed = Number(npa);
  let exchange = 200 + ((n * 7 + seed * 13) % 800);
  if (exchange % 100 === 11 || exchange === 555) exchange += 1;
  const line = (n * 7919 + seed * 31) % 10_000;
  return `${exchange}${String(line).padStart(4, '0')}`;
}

/** `+1305...` and `1305...` both mean the national number `305...`. */
function stripCountryCode(pattern: string | undefined): string | undefined {
  // No North American area code starts with 1, so a leading 1 is always the country code.
  const national = pattern?.startsWith('1') ? pattern.slice(1) : pattern;
  return national === '' ? undefined : national;
}

/** The area code entry for an E.164 US number, when the simulator knows it. */
export function areaOf(e164: string): AreaCode | undefined {
  return AREA_CODES.find((a) => e164.startsWith(`+1${a.npa}`));
}
