import { Type, type Static } from '@sinclair/typebox';
import { PasswordLinkSchema } from './accounts';
import { ActivationStatusSchema } from './activation';

/**
 * The platform operators' API (`/api/operator/…`): the agencies the platform runs, creating one with
 * its first admin, and fresh set-password links for agency admins. The backend validates its answers
 * against these schemas and the web app reads them through their `Static` types.
 */

export const AgencyAdminSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
});
export type AgencyAdmin = Static<typeof AgencyAdminSchema>;

export const AgencySummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  /** The agency's Telnyx managed account. */
  telnyxAccountId: Type.String(),
  /** Admins, agents and auditors. */
  memberCount: Type.Integer({ minimum: 0 }),
  activationStatus: ActivationStatusSchema,
  /** Who can be sent a fresh set-password link from here. */
  admins: Type.Array(AgencyAdminSchema),
});
export type AgencySummary = Static<typeof AgencySummarySchema>;

export const CreateAgencyBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    adminEmail: Type.String({ minLength: 3, maxLength: 320 }),
    adminName: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CreateAgencyBody = Static<typeof CreateAgencyBodySchema>;

/** `POST /api/operator/agencies` (201): the new agency, its admin and the admin's set-password link. */
export const AgencyCreatedSchema = Type.Object({
  agency: AgencySummarySchema,
  admin: AgencyAdminSchema,
  passwordLink: PasswordLinkSchema,
});
export type AgencyCreated = Static<typeof AgencyCreatedSchema>;

/** `POST /api/operator/agencies/:id/admins/:userId/password-link`: a fresh link (the previous one stops working). */
export const AdminPasswordLinkSchema = Type.Object({
  admin: AgencyAdminSchema,
  passwordLink: PasswordLinkSchema,
});
export type AdminPasswordLink = Static<typeof AdminPasswordLinkSchema>;
