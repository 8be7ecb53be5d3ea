import type { EntityManager } from '@mikro-orm/core';
import type { RecordedEvent } from '@curbe-voice/event-store';
import { ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX, type AccountEventData } from '@curbe-voice/contracts';
import type { Projector } from '../../runner/projector';
import { ActivationViewEntity, type ActivationView } from './activation-view.entity';

const data = <T>(event: RecordedEvent): T => event.data as T;

/** Builds `activation_view` from the account streams and the agents' credential events. */
export const activationProjector: Projector = {
  name: 'activation',
  version: 1,
  entities: [ActivationViewEntity],
  filter: { streamNamePrefixes: [ACCOUNT_STREAM_PREFIX, AGENT_STREAM_PREFIX] },
  async apply(event, em) {
    const at = event.metadata.occurredAt;
    if (event.type === 'AccountRegistered') {
      const d = data<AccountEventData<'AccountRegistered'>>(event);
      em.create(ActivationViewEntity, {
        accountId: d.accountId,
        accountName: d.name,
        status: 'not_requested',
        attempt: 0,
        outboundVoiceProfileId: null,
        texmlApplicationId: null,
        credentialConnectionId: null,
        agentsTotal: 0,
        agentsProvisioned: 0,
        numbersAttached: 0,
        failedStep: null,
        failureStatus: null,
        failureMessage: null,
        failureErrors: null,
        requestedAt: null,
        completedAt: null,
        updatedAt: at,
      });
      return;
    }
    const accountId = (event.data as { accountId?: string }).accountId;
    if (!accountId) return;
    const row = await em.findOne(ActivationViewEntity, { accountId });
    if (!row) return;
    if (applyToRow(row, event)) row.updatedAt = at;
  },
};

function applyToRow(row: ActivationView, event: RecordedEvent): boolean {
  switch (event.type) {
    case 'AgentAdded':
      if (data<AccountEventData<'AgentAdded'>>(event).role === 'agent') row.agentsTotal += 1;
      return true;
    case 'AgentRemoved': {
      const d = data<AccountEventData<'AgentRemoved'>>(event);
      // Events from before admins and auditors could be removed name no role: those were agents.
      if (d.role !== undefined && d.role !== 'agent') return false;
      row.agentsTotal = Math.max(0, row.agentsTotal - 1);
      if (d.credentialId !== null) row.agentsProvisioned = Math.max(0, row.agentsProvisioned - 1);
      return true;
    }
    case 'MemberRoleChanged': {
      const d = data<AccountEventData<'MemberRoleChanged'>>(event);
      const step = d.role === 'agent' ? 1 : d.previousRole === 'agent' ? -1 : 0;
      if (step === 0) return false;
      row.agentsTotal = Math.max(0, row.agentsTotal + step);
      if (d.credentialId !== null) row.agentsProvisioned = Math.max(0, row.agentsProvisioned + step);
      return true;
    }
    case 'ActivationRequested':
      row.status = 'in_progress';
      row.attempt = data<AccountEventData<'ActivationRequested'>>(event).attempt;
      row.requestedAt = event.metadata.occurredAt;
      row.failedStep = row.failureStatus = row.failureMessage = row.failureErrors = null;
      return true;
    case 'OutboundVoiceProfileCreated':
      row.outboundVoiceProfileId = data<AccountEventData<'OutboundVoiceProfileCreated'>>(event).outboundVoiceProfileId;
      return true;
    case 'TexmlApplicationCreated':
      row.texmlApplicationId = data<AccountEventData<'TexmlApplicationCreated'>>(event).texmlApplicationId;
      return true;
    case 'CredentialConnectionCreated':
      row.credentialConnectionId = data<AccountEventData<'CredentialConnectionCreated'>>(event).credentialConnectionId;
      return true;
    case 'TelephonyCredentialCreated':
      row.agentsProvisioned += 1;
      return true;
    case 'NumberAttached':
      row.numbersAttached += 1;
      return true;
    case 'ActivationCompleted':
      row.status = 'completed';
      row.completedAt = event.metadata.occurredAt;
      return true;
    case 'ActivationFailed': {
      const d = data<AccountEventData<'ActivationFailed'>>(event);
      row.status = 'failed';
      row.failedStep = d.step;
      row.failureStatus = d.status ?? null;
      row.failureMessage = d.message;
      row.failureErrors = d.errors;
      return true;
    }
    default:
      return false;
  }
}

/** For queries: the row of one account, or null when the account is unknown. */
export const findActivationView = (em: EntityManager, accountId: string) =>
  em.fork().findOne(ActivationViewEntity, { accountId });
