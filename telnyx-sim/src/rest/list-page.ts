/** Telnyx list responses: sorted, paged with `page[number]`/`page[size]`, `meta` with page counts. */

import { fieldText } from './records';

type JsonObject = Record<string, unknown>;

export interface ListPage<T> {
  data: T[];
  meta: { page_number: number; page_size: number; total_pages: number; total_results: number };
}

export function pageOf<T extends JsonObject>(
  items: T[],
  query: JsonObject,
  defaults: { size: number; sort?: string },
): ListPage<T> {
  const page = (query['page'] ?? {}) as { number?: number; size?: number };
  const size = page.size ?? defaults.size;
  const number = page.number ?? 1;
  const sorted = sortBy(items, (query['sort'] as string | undefined) ?? defaults.sort ?? 'created_at');
  const totalPages = Math.max(1, Math.ceil(sorted.length / size));
  return {
    data: sorted.slice((number - 1) * size, number * size),
    meta: { page_number: number, page_size: size, total_pages: totalPages, total_results: sorted.length },
  };
}

/** `field` ascending, `-field` descending; ties keep insertion order. */
function sortBy<T extends JsonObject>(items: T[], sort: string): T[] {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const x = a.item[field];
      const y = b.item[field];
      const order =
        x === y
          ? 0
          : x === undefined || x === null
            ? 1
            : y === undefined || y === null
              ? -1
              : fieldText(x) < fieldText(y)
                ? -1
                : 1;
      return (descending ? -order : order) || a.index - b.index;
    })
    .map(({ item }) => item);
}

export function containsIgnoringCase(value: unknown, needle: string): boolean {
  return typeof value === 'string' && value.toLowerCase().includes(needle.toLowerCase());
}
