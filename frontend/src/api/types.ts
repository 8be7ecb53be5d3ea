/**
 * What the backend answers, as the web app uses it. Answers whose schema the backend validates
 * against live in contracts (types only here: nothing of it reaches the bundle).
 */
import type { AccountSetupAt, AccountVerification } from '@curbe-voice/contracts/api/audit';
import type { SignedInUser } from '@curbe-voice/contracts/api/auth';
import type { CallDirection } from '@curbe-voice/contracts/api/calls';
import type { MemberRole, OperatorRole } from '@curbe-voice/contracts';
import type { OwnedNumber as OwnedNumberResponse } from '@curbe-voice/contracts/api/numbers';

export type {
  AccountMember,
  AddedMember,
  AddMemberBody,
  FreshPasswordLink,
  MemberStatus,
  PasswordLink,
  WebhookKeys,
} from '@curbe-voice/contracts/api/accounts';
export type { ActivationAccepted, ActivationProgress, ActivationStatus } from '@curbe-voice/contracts/api/activation';
export type { AccountSetup, AuditEntry } from '@curbe-voice/contracts/api/audit';
export type { CallDirection, CallHistoryPage, CallOutcome, CallView } from '@curbe-voice/contracts/api/calls';
export type { AvailableNumber } from '@curbe-voice/contracts/api/numbers';
export type {
  AdminPasswordLink,
  AgencyCreated,
  AgencySummary,
  CreateAgencyBody,
} from '@curbe-voice/contracts/api/operator';
export type { VoiceCredentials } from '@curbe-voice/contracts/api/voice';

/** An agency member's role, or a platform operator's (who belongs to no agency). */
export type Role = MemberRole | OperatorRole;

/** The signed-in user and their account; a platform operator has none (`GET /api/auth/me`). */
export type Me = SignedInUser;

/** A number the account owns; its list also names the agent the number rings. */
export type OwnedNumber = OwnedNumberResponse & { agentName?: string | null };

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: string;
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
  /**
   * What became of the call's recording: none made, playable, still being copied, the copy failed,
   * or our copy was deleted under the retention policy.
   */
  recordingState: 'none' | 'ready' | 'saving' | 'unavailable' | 'purged';
  isVoicemail: boolean;
}

export interface CallPage {
  calls: CallRecord[];
  nextCursor: string | null;
}

export type SetupAt = AccountSetupAt;

export type ChainVerification = AccountVerification;
