import type { MikroORM } from '@mikro-orm/core';
import { CallHistoryEntryEntity } from '@curbe-voice/projections/read-models/call-history';
import type { CallStreams } from '../call-streams';
import type { RecordingCopyScheduler } from '../callbacks/callback-routes';
import type { Logger } from '../../../platform/logging/create-logger';

/**
 * A restart may have cut copies short: recordings Telnyx reported that are neither stored nor given
 * up on are copied again (their URL comes from the call's stream, the source of truth).
 */
export async function resumePendingCopies(deps: {
  orm: MikroORM;
  calls: CallStreams;
  copier: RecordingCopyScheduler;
  logger: Pick<Logger, 'info' | 'warn'>;
}): Promise<number> {
  let pending;
  try {
    pending = await deps.orm.em
      .fork()
      .find(
        CallHistoryEntryEntity,
        { recordingSid: { $ne: null }, recordingStored: false, recordingCopyFailed: false },
        { limit: 500 },
      );
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not look for recordings left to copy');
    return 0;
  }
  let scheduled = 0;
  for (const row of pending) {
    const { state } = await deps.calls.load(row.callSid);
    for (const [recordingSid, recording] of state.recordings) {
      if (recording.stored || recording.copyFailed) continue;
      deps.copier.schedule({ callSid: row.callSid, recordingSid, sourceUrl: recording.sourceUrl });
      scheduled += 1;
    }
  }
  if (scheduled > 0) deps.logger.info({ scheduled }, 'resuming recording copies');
  return scheduled;
}
