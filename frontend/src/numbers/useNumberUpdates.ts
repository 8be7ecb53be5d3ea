import { liveEvents } from '../history/live-events';

/** Reloads the numbers when one of the account's changes anywhere (an admin assigns one, Telnyx delivers one). */
export function useNumberUpdates(load: () => Promise<void>) {
  let unfollow: (() => void) | null = null;
  let reloadSoon: ReturnType<typeof setTimeout> | undefined;

  function follow(): void {
    unfollow ??= liveEvents.on('number', () => {
      // A burst of changes (a sync, several assignments) is one reload.
      clearTimeout(reloadSoon);
      reloadSoon = setTimeout(() => void load(), 100);
    });
  }

  function unwatch(): void {
    unfollow?.();
    unfollow = null;
    clearTimeout(reloadSoon);
  }

  return { follow, unwatch };
}
