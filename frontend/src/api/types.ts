/** What the backend answers, as the web app uses it. */

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

export interface AvailableNumber {
  phoneNumber: string;
  locality: string | null;
  region: string | null;
  monthlyCost: string | null;
  currency: string | null;
}

export interface OwnedNumber {
  phoneNumber: string;
  accountId: string;
  phoneNumberId: string;
  status: 'active' | 'released';
  texmlApplicationId: string | null;
  agentId: string | null;
  agentName?: string | null;
}

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

export interface AuditEntry {
  position: string;
  stream: string;
  revision: number;
  type: string;
  actor: string;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  hash: string | null;
  data: unknown;
}

export interface AccountSetup {
  accountId: string;
  name: string;
  telnyxAccountId: string;
  activation: {
    status: string;
    attempt: number;
    outboundVoiceProfileId: string | null;
    texmlApplicationId: string | null;
    credentialConnectionId: string | null;
    lastFailure: { step: string; message: string } | null;
  };
  agents: (Member & { credentialId: string | null; sipUsername: string | null })[];
  numbers: { phoneNumber: string; phoneNumberId: string; status: string; texmlApplicationId: string | null; agentId: string | null }[];
}

export interface SetupAt {
  accountId: string;
  at: string;
  eventsApplied: number;
  setup: AccountSetup | null;
}

export interface ChainVerification {
  accountId: string;
  intact: boolean;
  streams: { stream: string; events: number; intact: boolean; firstBrokenRevision?: number; reason?: string }[];
}
