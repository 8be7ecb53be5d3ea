import { EntitySchema } from '@mikro-orm/core';

/**
 * One row per call: what the call history shows. Besides what is displayed, the row keeps the facts
 * the outcome is derived from (status rank, dial status, refusal), because Telnyx's callbacks may
 * arrive in any order and the outcome is recomputed from all of them on every change.
 */
export interface CallHistoryEntry {
  callSid: string;
  /** Null until the call is routed (a status callback may arrive before our routing decision). */
  accountId: string | null;
  /** Null for calls no agent owns (voicemail left on an unassigned number: visible account-wide). */
  agentId: string | null;
  /** `inbound` | `outbound`; null until routed. */
  direction: string | null;
  ourNumber: string | null;
  otherParty: string | null;
  /** `agent` | `number` | `voicemail` | null (refused or not yet routed). */
  route: string | null;
  voicemailReason: string | null;
  refusalReason: string | null;
  /** `answered` | `missed` | `voicemail` | `rejected` | `failed` | `in_progress`. */
  outcome: string;
  /** Latest Telnyx call status that counts (older ones arriving late are ignored). */
  status: string | null;
  statusRank: number;
  dialStatus: string | null;
  /** The dial went unanswered and the caller was offered voicemail. */
  sentToVoicemail: boolean;
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  /** Whole call at Telnyx, seconds. */
  durationSec: number | null;
  /** Time connected to the other party, seconds. */
  talkSec: number | null;
  recordingSid: string | null;
  /** `conversation` | `voicemail`. */
  recordingKind: string | null;
  recordingDurationSec: number | null;
  recordingStored: boolean;
  recordingCopyFailed: boolean;
  recordingStorageKey: string | null;
  recordingContentType: string | null;
  recordingSizeBytes: number | null;
  recordingSha256: string | null;
  /** When our copy was deleted by the retention policy; null while it is kept. */
  recordingPurgedAt: string | null;
  updatedAt: string;
}

export const CallHistoryEntryEntity = new EntitySchema<CallHistoryEntry>({
  name: 'CallHistoryEntry',
  tableName: 'call_history',
  indexes: [{ properties: ['agentId', 'startedAt'] }, { properties: ['accountId', 'startedAt'] }],
  properties: {
    callSid: { type: 'string', length: 128, primary: true },
    accountId: { type: 'string', length: 64, nullable: true },
    agentId: { type: 'string', length: 64, nullable: true },
    direction: { type: 'string', length: 10, nullable: true },
    ourNumber: { type: 'string', length: 40, nullable: true },
    otherParty: { type: 'string', length: 200, nullable: true },
    route: { type: 'string', length: 20, nullable: true },
    voicemailReason: { type: 'string', length: 40, nullable: true },
    refusalReason: { type: 'string', length: 40, nullable: true },
    outcome: { type: 'string', length: 20 },
    status: { type: 'string', length: 20, nullable: true },
    statusRank: { type: 'integer' },
    dialStatus: { type: 'string', length: 20, nullable: true },
    sentToVoicemail: { type: 'boolean' },
    startedAt: { type: 'string', length: 40, nullable: true },
    answeredAt: { type: 'string', length: 40, nullable: true },
    endedAt: { type: 'string', length: 40, nullable: true },
    durationSec: { type: 'integer', nullable: true },
    talkSec: { type: 'integer', nullable: true },
    recordingSid: { type: 'string', length: 128, nullable: true },
    recordingKind: { type: 'string', length: 20, nullable: true },
    recordingDurationSec: { type: 'integer', nullable: true },
    recordingStored: { type: 'boolean' },
    recordingCopyFailed: { type: 'boolean' },
    recordingStorageKey: { type: 'string', length: 300, nullable: true },
    recordingContentType: { type: 'string', length: 100, nullable: true },
    recordingSizeBytes: { type: 'integer', nullable: true },
    recordingSha256: { type: 'string', length: 64, nullable: true },
    recordingPurgedAt: { type: 'string', length: 40, nullable: true },
    updatedAt: { type: 'string', length: 40 },
  },
});
