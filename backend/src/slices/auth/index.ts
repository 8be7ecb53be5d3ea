/** What other slices and the composition root may use of this slice; the rest is its own. */
export { authRoutes } from './auth-routes';
export { passwordChangeRoutes } from './password-change-routes';
export { passwordLinkRoutes } from './password-link-routes';
export { PasswordLinks, type IssuedPasswordLink } from './password-links';
export { SignInEmails } from './sign-in-emails';
export { PASSWORD_LINK_TTL_MS, passwordLinkUrl, UserPasswords, type PasswordLink } from './user-passwords';
export { PasswordLinkInvalid, PasswordRejected } from './user-password-decider';
