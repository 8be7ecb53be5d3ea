import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, MIN_DELAY_MS, refreshDelayMs, retryDelayMs, warningCallsForRefresh } from './token-refresh';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('scheduling the token refresh', () => {
  it('refreshes a one-hour token two minutes before it expires', () => {
    expect(refreshDelayMs(inMinutes(60), NOW)).toBe(58 * 60_000);
  });

  it('refreshes a short-lived token half-way through its remaining life', () => {
    expect(refreshDelayMs(inMinutes(2), NOW)).toBe(60_000);
  });

  it('refreshes an expired or unreadable token almost at once, but not in a tight loop', () => {
    expect(refreshDelayMs(inMinutes(-5), NOW)).toBe(MIN_DELAY_MS);
    expect(refreshDelayMs('not a date', NOW)).toBe(MIN_DELAY_MS);
  });

  it('never asks for a timer the browser would fire at once (tokens valid for weeks)', () => {
    expect(refreshDelayMs(inMinutes(28 * 24 * 60), NOW)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(2_147_483_647);
  });

  it('backs off after failures without waiting past expiry', () => {
    expect(retryDelayMs(1, inMinutes(60), NOW)).toBe(2_000);
    expect(retryDelayMs(3, inMinutes(60), NOW)).toBe(8_000);
    expect(retryDelayMs(10, inMinutes(60), NOW)).toBe(60_000);
    expect(retryDelayMs(10, new Date(NOW + 5_000).toISOString(), NOW)).toBe(5_000);
  });
});

describe('the SDK warning that the token expires soon', () => {
  it('is heeded when the token really expires within ten minutes', () => {
    expect(warningCallsForRefresh(inMinutes(5), NOW)).toBe(true);
  });

  it('is ignored for a token valid for weeks (the SDK then warns right after every login)', () => {
    expect(warningCallsForRefresh(inMinutes(28 * 24 * 60), NOW)).toBe(false);
  });
});
