/** What other slices and the composition root may use of this slice; the rest is its own. */
export { AccountRejected, isEmailAddress, type NewMember } from './account-decider';
export { AccountRegistry, type AddMemberInput } from './account-registry';
export {
  AgencyOnboarding,
  type EmailsInUse,
  type NewAgency,
  type OnboardedAgency,
  type SetPasswordLinks,
} from './agency-onboarding';
export { activeAdmins, evolveAccount, normaliseEmail, type AccountMember, type AccountState } from './account-state';
export { readAccountStream, type LoadedStream } from './account-stream';
export { DEMO_ACCOUNT_ID, DEMO_MEMBERS, demoUserId, seedDemoAccount } from './demo-account';
export { listMembers } from './member-views';
export { accountsRoutes } from './routes';
export { WebhookKeyDirectory, type AccountWebhookKeys } from './webhook-key-directory';
export { webhookKeyRoutes } from './webhook-key-routes';
