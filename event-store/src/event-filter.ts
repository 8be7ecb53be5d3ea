import type { EventFilter } from './port';

/** True for events the store keeps for itself; they are never delivered to readers of `$all`. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/** An empty or absent filter lets every non-system event through; otherwise any matching prefix does. */
export function matchesFilter(filter: EventFilter | undefined, streamName: string, type: string): boolean {
  if (isSystemEventType(type)) return false;
  const streamPrefixes = filter?.streamNamePrefixes ?? [];
  const typePrefixes = filter?.eventTypePrefixes ?? [];
  if (streamPrefixes.length === 0 && typePrefixes.length === 0) return true;
  return (
    streamPrefixes.some((prefix) => streamName.startsWith(prefix)) ||
    typePrefixes.some((prefix) => type.startsWith(prefix))
  );
}

export function assertFilter(filter: EventFilter | undefined): void {
  if (filter === undefined) return;
  for (const key of ['streamNamePrefixes', 'eventTypePrefixes'] as const) {
    const prefixes = filter[key];
    if (prefixes === undefined) continue;
    if (!Array.isArray(prefixes) || prefixes.some((prefix) => typeof prefix !== 'string' || prefix.length === 0)) {
      throw new TypeError(`filter.${key} must be a list of non-empty strings`);
    }
  }
}
