import { describe, expect, it } from 'vitest';
import type { AllPosition } from '@curbe-voice/event-store';
import type { ReachedPosition } from '../projection-progress/stored-checkpoints';
import { PendingAnnouncements } from './pending-announcements';

const at = (n: number): AllPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const reached = (entries: [string, ReachedPosition][]) => new Map(entries);

describe('PendingAnnouncements', () => {
  it('announces a row only once its projector has committed its latest event', () => {
    const pending = new PendingAnnouncements();
    pending.add('call-history', 'CA1', at(5), 0);
    pending.add('call-history', 'CA1', at(9), 1);
    pending.add('activation', 'acc-1', at(7), 2);

    expect(
      pending.takeReady(
        reached([
          ['call-history', at(8)],
          ['activation', 'start'],
        ]),
      ),
    ).toEqual([]);
    expect(
      pending.takeReady(
        reached([
          ['call-history', at(9)],
          ['activation', at(6)],
        ]),
      ),
    ).toEqual([{ projectorName: 'call-history', key: 'CA1', position: at(9), since: 0 }]);
    expect(pending.size).toBe(1);
    expect(pending.takeReady(reached([['activation', at(100)]])).map((entry) => entry.key)).toEqual(['acc-1']);
    expect(pending.size).toBe(0);
  });

  it('keeps the latest position when events arrive out of order for one row', () => {
    const pending = new PendingAnnouncements();
    pending.add('call-history', 'CA1', at(9), 0);
    pending.add('call-history', 'CA1', at(4), 0);
    expect(pending.takeReady(reached([['call-history', at(5)]]))).toEqual([]);
  });

  it('gives up on rows whose projector does not move, and bounds what it holds', () => {
    const pending = new PendingAnnouncements(2);
    pending.add('activation', 'a', at(1), 0);
    pending.add('activation', 'b', at(2), 100);
    expect(pending.add('activation', 'c', at(3), 200)).toBe(1);
    expect(pending.takeExpired(60_150, 60_000).map((entry) => entry.key)).toEqual(['b']);
    expect(pending.size).toBe(1);
  });
});
