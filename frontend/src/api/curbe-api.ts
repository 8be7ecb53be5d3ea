import { toCallPage, toCallRecord } from '../history/call-record';
import { http } from './http-client';
import type { NumbersSync } from '@curbe-voice/contracts/api/numbers';
import type {
  AccountMember,
  AddedMember,
  AddMemberBody,
  FreshPasswordLink,
  AdminPasswordLink,
  AgencyCreated,
  AgencySummary,
  CreateAgencyBody,
  ActivationAccepted,
  ActivationProgress,
  CallOutcome,
  AuditEntry,
  AvailableNumber,
  CallHistoryPage,
  CallPage,
  CallRecord,
  CallView,
  ChainVerification,
  Me,
  OwnedNumber,
  Role,
  SetupAt,
  WebhookKeys,
  VoiceCredentials,
} from './types';

const account = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;
const audit = (accountId: string) => `/api/audit/accounts/${encodeURIComponent(accountId)}`;

export const authApi = {
  login: (email: string, password: string) => http.post<Me | undefined>('/api/auth/login', { email, password }),
  logout: () => http.post<void>('/api/auth/logout'),
  me: () => http.get<Me>('/api/auth/me'),
  /** With a one-time link's user and token; 410 when the link is unknown, used or expired. */
  setPassword: (userId: string, token: string, password: string) =>
    http.post<void>('/api/auth/set-password', { userId, token, password }),
  /** The signed-in member's own password; their other sessions end, this one stays (new cookie). */
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/api/auth/password', { currentPassword, newPassword }),
};

export const voiceApi = {
  /** A short-lived WebRTC login token; 409 while the account's phone service is not activated. */
  credentials: () => http.get<VoiceCredentials>('/api/voice/credentials'),
};

export const activationApi = {
  start: (accountId: string) => http.post<ActivationAccepted>(`${account(accountId)}/activation`),
  progress: (accountId: string) => http.get<ActivationProgress>(`${account(accountId)}/activation`),
};

export const accountsApi = {
  /** Every agent and auditor of the account; any member may read it. */
  members: (accountId: string) => http.get<AccountMember[]>(`${account(accountId)}/members`),
  /** The Telnyx account webhooks name and the public keys they are verified with. */
  webhookKeys: (accountId: string) => http.get<WebhookKeys>(`${account(accountId)}/webhook-keys`),
  /** Enters a key from the Telnyx portal; with two held, the oldest goes. */
  addWebhookKey: (accountId: string, publicKey: string) =>
    http.post<WebhookKeys>(`${account(accountId)}/webhook-keys`, { publicKey }),
};

const member = (accountId: string, userId: string) => `${account(accountId)}/members/${encodeURIComponent(userId)}`;

/** The agency's team, run by its admins. */
export const teamApi = {
  /** Answers with the member and their one-time set-password link. */
  add: (accountId: string, body: AddMemberBody) => http.post<AddedMember>(`${account(accountId)}/members`, body),
  /** A fresh set-password link (the one before stops working). */
  newLink: (accountId: string, userId: string) =>
    http.post<FreshPasswordLink>(`${member(accountId, userId)}/password-link`),
  changeRole: (accountId: string, userId: string, role: Role) =>
    http.put<AccountMember>(`${member(accountId, userId)}/role`, { role }),
  disable: (accountId: string, userId: string) => http.post<AccountMember>(`${member(accountId, userId)}/disable`),
  enable: (accountId: string, userId: string) => http.post<AccountMember>(`${member(accountId, userId)}/enable`),
  remove: (accountId: string, userId: string) => http.delete<unknown>(member(accountId, userId)),
};

export const numbersApi = {
  searchAvailable: (accountId: string, areaCode: string) =>
    http.get<AvailableNumber[]>(`${account(accountId)}/numbers/available`, {
      query: { area_code: areaCode, limit: 10 },
    }),
  list: (accountId: string) => http.get<OwnedNumber[]>(`${account(accountId)}/numbers`),
  order: (accountId: string, phoneNumber: string) =>
    http.post<OwnedNumber>(`${account(accountId)}/numbers`, { phone_number: phoneNumber }),
  assign: (accountId: string, phoneNumber: string, agentId: string) =>
    http.put<OwnedNumber>(`${account(accountId)}/numbers/${encodeURIComponent(phoneNumber)}/agent`, {
      agent_id: agentId,
    }),
  unassign: (accountId: string, phoneNumber: string) =>
    http.delete<OwnedNumber>(`${account(accountId)}/numbers/${encodeURIComponent(phoneNumber)}/agent`),
  release: (accountId: string, phoneNumber: string) =>
    http.delete<OwnedNumber>(`${account(accountId)}/numbers/${encodeURIComponent(phoneNumber)}`),
  /** Adopts the numbers bought at Telnyx outside Curbe and marks the ones gone there. */
  sync: (accountId: string) => http.post<NumbersSync>(`${account(accountId)}/numbers/sync`, {}),
};

export interface CallFilters {
  direction?: 'inbound' | 'outbound' | '';
  outcome?: CallOutcome | '';
  cursor?: string | null;
  limit?: number;
}

export const callsApi = {
  list: async (filters: CallFilters = {}): Promise<CallPage> =>
    toCallPage(
      await http.get<CallHistoryPage>('/api/calls', {
        query: {
          direction: filters.direction,
          outcome: filters.outcome,
          cursor: filters.cursor,
          limit: filters.limit ?? 50,
        },
      }),
    ),
  get: async (id: string): Promise<CallRecord> =>
    toCallRecord(await http.get<CallView>(`/api/calls/${encodeURIComponent(id)}`)),
  recordingUrl: (id: string) => `/api/calls/${encodeURIComponent(id)}/recording`,
};

export const auditApi = {
  events: (accountId: string) => http.get<AuditEntry[]>(`${audit(accountId)}/events`),
  stateAt: (accountId: string, at: string) => http.get<SetupAt>(`${audit(accountId)}/state`, { query: { at } }),
  verify: (accountId: string) => http.get<ChainVerification>(`${audit(accountId)}/verify`),
};

export const operatorApi = {
  /** Every agency the platform runs (platform operators only). */
  agencies: () => http.get<AgencySummary[]>('/api/operator/agencies'),
  /** Creates the agency's Telnyx managed account, the agency and its admin; answers the admin's set-password link. */
  createAgency: (body: CreateAgencyBody) => http.post<AgencyCreated>('/api/operator/agencies', body),
  /** A fresh set-password link for one of an agency's admins (the previous one stops working). */
  adminPasswordLink: (accountId: string, userId: string) =>
    http.post<AdminPasswordLink>(
      `/api/operator/agencies/${encodeURIComponent(accountId)}/admins/${encodeURIComponent(userId)}/password-link`,
    ),
};

/** The server-sent events stream: `call` and `activation` events for the signed-in user's account. */
export const EVENTS_STREAM_URL = '/api/events/stream';
