import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

describe('attempt limiter', () => {
  it('allows the limit, refuses the next with the seconds left, and opens again when the window ends', () => {
    const limiter = new AttemptLimiter({ limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i += 1) expect(limiter.hit('k', 1000).allowed).toBe(true);
    expect(limiter.hit('k', 1000)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.check('k', 31_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limiter.check('other', 1000).allowed).toBe(true);
    expect(limiter.hit('k', 61_000).allowed).toBe(true);
  });

  it('forgets a key on reset and stays bounded in memory', () => {
    const limiter = new AttemptLimiter({ limit: 1, windowMs: 60_000, maxKeys: 10 });
    limiter.hit('k', 0);
    expect(limiter.check('k', 0).allowed).toBe(false);
    limiter.reset('k');
    expect(limiter.check('k', 0).allowed).toBe(true);
    for (let i = 0; i < 50; i += 1) limiter.hit(`flood-${i}`, 0);
    expect(limiter.check('flood-49', 0).allowed).toBe(false);
    expect(limiter.check('flood-0', 0).allowed).toBe(true);
  });
});
