import { describe, expect, it } from 'vitest';
import { formatDuration } from './call-duration';

describe('showing how long a call lasted', () => {
  it('uses minutes and seconds, and hours only when needed', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-3)).toBe('0:00');
  });
});
