/** What other slices and the composition root may use of this slice; the rest is its own. */
export {
  AccountNotFound,
  AuditTrail,
  type AccountSetupAt,
  type AccountVerification,
  type AuditEntry,
} from './audit-trail';
export { auditRoutes } from './routes';
