/** What other slices and the composition root may use of this slice; the rest is its own. */
export { authRoutes } from './auth-routes';
export { UserPasswords } from './user-passwords';
