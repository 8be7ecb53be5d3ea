const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant before which calls' recordings have outlived a retention of `days` (pure). */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
