import type { MikroORM } from '@mikro-orm/core';
import { CallHistoryEntryEntity } from '@curbe-voice/projections/read-models/call-history';
import type { CallStreams } from '../call-streams';
import type { Logger } from '../../../platform/logging/create-logger';
import type { RecordingStorage } from '../recordings/recording-storage';
import { retentionCutoff } from './retention-cutoff';

export interface RecordingPurgerDeps {
  orm: MikroORM;
  calls: CallStreams;
  storage: RecordingStorage;
  retentionDays: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface PurgeOutcome {
  purged: { callSid: string; recordingSid: string; sizeBytes: number }[];
  failed: number;
}

/** Calls looked at per pass; the next pass (an hour later) takes the rest. */
const BATCH = 500;

/**
 * Deletes our copies of recordings of calls that started before the retention cutoff, and records
 * each deletion as `RecordingPurged` on the call's stream (with the audio's size and SHA-256, so
 * the audit still proves what existed).
 *
 * The audio is deleted first, then the event is appended at the stream revision the decision was
 * made on: two instances purging at once both delete (harmless), one appends, and the other finds
 * the recording already purged when it decides again. A crash between the two is finished by the
 * next pass, which still sees the recording as stored.
 */
export async function purgeExpiredRecordings(deps: RecordingPurgerDeps, now = new Date()): Promise<PurgeOutcome> {
  const cutoff = retentionCutoff(now, deps.retentionDays);
  const candidates = await deps.orm.em.fork().find(
    CallHistoryEntryEntity,
    {
      recordingStored: true,
      recordingPurgedAt: null,
      $or: [{ startedAt: { $lt: cutoff } }, { startedAt: null, updatedAt: { $lt: cutoff } }],
    },
    { limit: BATCH, orderBy: { updatedAt: 'asc' } },
  );
  const outcome: PurgeOutcome = { purged: [], failed: 0 };
  for (const row of candidates) {
    try {
      outcome.purged.push(...(await purgeCall(deps, row.callSid, now)));
    } catch (error) {
      outcome.failed += 1;
      deps.logger.error(
        { err: error, callSid: row.callSid },
        'could not purge the recording of a call; the next pass retries',
      );
    }
  }
  if (outcome.purged.length > 0 || outcome.failed > 0) {
    deps.logger.info(
      { purged: outcome.purged.length, failed: outcome.failed, retentionDays: deps.retentionDays, cutoff },
      'recordings past their retention deleted',
    );
  }
  return outcome;
}

async function purgeCall(deps: RecordingPurgerDeps, callSid: string, now: Date): Promise<PurgeOutcome['purged']> {
  const { state } = await deps.calls.load(callSid);
  const purged: PurgeOutcome['purged'] = [];
  for (const [recordingSid, recording] of state.recordings) {
    if (!recording.stored || recording.purged || recording.storageKey === null) continue;
    await deps.storage.delete(recording.storageKey);
    const { appended } = await deps.calls.execute(
      callSid,
      {
        type: 'MarkRecordingPurged',
        data: {
          callSid,
          recordingSid,
          storageKey: recording.storageKey,
          sizeBytes: recording.sizeBytes ?? 0,
          sha256: recording.sha256 ?? '0'.repeat(64),
          reason: 'retention',
          retentionDays: deps.retentionDays,
          purgedAt: now.toISOString(),
        },
      },
      'system',
    );
    if (appended.length > 0) purged.push({ callSid, recordingSid, sizeBytes: recording.sizeBytes ?? 0 });
  }
  return purged;
}
