/** What other slices and the composition root may use of this slice; the rest is its own. */
export { activationLiveUpdates } from './activation-live-updates';
export {
  evolve as evolveActivation,
  initialActivationState,
  type ActivationState,
  type AgentCredential,
} from './activation-state';
export { loadActivation } from './activation-stream';
export { provisioningRoutes } from './routes';
export { TelephonySetupService } from './telephony-setup-service';
