import { describe, expect, it } from 'vitest';
import { CoalescingSaver } from './coalescing-saver';

/** A save that records the value it saw, and can be told to fail once. */
function recordingSave(read: () => number) {
  const saved: number[] = [];
  let failNext = false;
  return {
    saved,
    failOnce: () => (failNext = true),
    save: async () => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      saved.push(read());
    },
  };
}

describe('CoalescingSaver', () => {
  it('writes many changes with one save holding the latest state', async () => {
    let value = 0;
    const target = recordingSave(() => value);
    const saver = new CoalescingSaver({ save: target.save, delayMs: 60_000, onError: () => undefined });
    for (let i = 1; i <= 5; i++) {
      value = i;
      saver.schedule();
    }
    await saver.flush();
    await saver.flush();
    expect(target.saved).toEqual([5]);
  });

  it('keeps changes pending when a save fails, and saves them on the next flush', async () => {
    let value = 1;
    const target = recordingSave(() => value);
    const saver = new CoalescingSaver({ save: target.save, delayMs: 60_000, onError: () => undefined });
    saver.schedule();
    target.failOnce();
    await expect(saver.flush()).rejects.toThrow('disk full');
    value = 2;
    await saver.flush();
    expect(target.saved).toEqual([2]);
  });

  it('saves again when a change arrives while a save is running', async () => {
    let value = 1;
    const target = recordingSave(() => value);
    const saver = new CoalescingSaver({ save: target.save, delayMs: 60_000, onError: () => undefined });
    saver.schedule();
    const firstSave = saver.flush();
    value = 2;
    saver.schedule();
    await Promise.all([firstSave, saver.flush()]);
    expect(target.saved).toEqual([1, 2]);
  });
});
