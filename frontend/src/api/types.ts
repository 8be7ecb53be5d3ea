/**
 * What the backend answers, as the web app uses it. Answers whose schema the backend validates
 * against live in contracts (types only here: nothing of it reaches the bundle).
 */
import type { AccountSetupAt, AccountVerification } from '@curbe-voice/contracts/api/audit';
import type { OwnedNumber as OwnedNumberResponse } from '@curbe-voice/contracts/api/numbers';

export type { AccountSetup, AuditEntry } from '@curbe-voice/contracts/api/audit';
export type { AvailableNumber } from '@curbe-voice/contracts/api/numbers';

export type Role = 'agent' | 'auditor';

export interface Me {
  user: { id: string; email: string; displayName: string; role: Role };
  account: { id: string; name: string };
}

export interface VoiceCredentials {
  token: string;
  sip_username: string;
  expires_at: string;
  connection: { host?: string; iceServers?: { urls: string | string[]; username?: string; credential?: string }[] };
}

export type ActivationStatus = 'not_requested' | 'in_progress' | 'completed' | 'failed';

export interface ActivationProgress {
  accountId: string;
  accountName: string;
  status: ActivationStatus;
  attempt: number;
  steps: { step: string; state: 'done' | 'pending' | 'failed'; detail?: string }[];
  error?: { step: string; status?: number; message: string; errors: { code?: string; title?: string; detail?: string }[] };
  updatedAt: string;
}

/** A number the account owns; its list also names the agent the number rings. */
export type OwnedNumber = OwnedNumberResponse & { agentName?: string | null };

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: string;
}

/** A member as `GET /api/accounts/:id/members` lists them to anyone of their account. */
export interface AccountMember {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  sipUsername?: string | null;
  /** The account's active numbers that ring this member. */
  numbers: string[];
}

export type CallDirection = 'inbound' | 'outbound';

export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'rejected' | 'failed' | 'in_progress';

/** A call as `GET /api/calls` and the live `call` event describe it. */
export interface CallView {
  callSid: string;
  direction: CallDirection;
  agentId: string | null;
  otherParty: string | null;
  ourNumber: string | null;
  outcome: string;
  reason: string | null;
  status: string | null;
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  talkSec: number | null;
  recording: {
    kind: string | null;
    durationSec: number | null;
    stored: boolean;
    copyFailed: boolean;
    sizeBytes: number | null;
    url: string | null;
  } | null;
}

/** A call as the history list shows it. */
export interface CallRecord {
  id: string;
  direction: CallDirection;
  otherParty: string | null;
  ourNumber: string | null;
  outcome: string;
  reason: string | null;
  agentId: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Talk time of an answered call; null for calls nobody took. */
  durationSeconds: number | null;
  /** Where to play it, once the recording is stored on our side. */
  recordingUrl: string | null;
  /** A recording exists but is still being copied (or the copy failed). */
  recordingState: 'none' | 'ready' | 'saving' | 'unavailable';
  isVoicemail: boolean;
}

export interface CallPage {
  calls: CallRecord[];
  nextCursor: string | null;
}

export type SetupAt = AccountSetupAt;

export type ChainVerification = AccountVerification;
