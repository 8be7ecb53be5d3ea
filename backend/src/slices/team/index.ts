/** What other slices and the composition root may use of this slice; the rest is its own. */
export { agentRemovalRoutes } from './agent-removal-routes';
