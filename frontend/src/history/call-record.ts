import type { CallHistoryPage, CallPage, CallRecord, CallView } from '../api/types';

/** A call from the API (or a live `call` event) as the history list shows it. */
export function toCallRecord(view: CallView): CallRecord {
  const recording = view.recording;
  // Checked before the rest: a purged recording is no longer stored, but it is not being copied either.
  const recordingState: CallRecord['recordingState'] = !recording
    ? 'none'
    : recording.purgedAt
      ? 'purged'
      : recording.stored && recording.url
        ? 'ready'
        : recording.copyFailed
          ? 'unavailable'
          : 'saving';
  return {
    id: view.callSid,
    direction: view.direction,
    otherParty: view.otherParty,
    ourNumber: view.ourNumber,
    outcome: view.outcome,
    reason: view.reason,
    agentId: view.agentId,
    // A call always has a start; a row made before its first status may not, so it sorts as newest.
    startedAt: view.startedAt ?? new Date().toISOString(),
    answeredAt: view.answeredAt,
    endedAt: view.endedAt,
    // Talk time is what agents mean by "how long"; an unanswered call has none.
    durationSeconds: view.outcome === 'answered' ? (view.talkSec ?? view.durationSec) : null,
    recordingUrl: recordingState === 'ready' ? recording!.url : null,
    recordingState,
    isVoicemail: view.outcome === 'voicemail',
  };
}

export function toCallPage(body: CallHistoryPage): CallPage {
  return { calls: body.items.map(toCallRecord), nextCursor: body.nextCursor };
}

/** Inserts a call or replaces the one with the same id, newest first. */
export function mergeCall(calls: CallRecord[], update: CallRecord): CallRecord[] {
  const existing = calls.find((call) => call.id === update.id);
  const merged = existing
    ? { ...update, startedAt: existing.startedAt < update.startedAt ? existing.startedAt : update.startedAt }
    : update;
  return [merged, ...calls.filter((call) => call.id !== update.id)].sort((a, b) =>
    b.startedAt.localeCompare(a.startedAt),
  );
}

const OUTCOME_LABELS: Record<string, string> = {
  answered: 'Answered',
  missed: 'Missed',
  voicemail: 'Voicemail',
  rejected: 'Rejected',
  failed: 'Failed',
  in_progress: 'In progress',
};

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
