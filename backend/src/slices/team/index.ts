/** What other slices and the composition root may use of this slice; the rest is its own. */
export { memberRemovalRoutes } from './member-removal-routes';
export { memberRoutes } from './member-routes';
export { TeamService, type IssuedPasswordLink } from './team-service';
export { TeamChangeRejected } from './team-rules';
