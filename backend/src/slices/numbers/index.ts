/** What other slices and the composition root may use of this slice; the rest is its own. */
export { evolveNumber, type NumberState } from './number-state';
export { adoptNumber, type NumberAdoption } from './number-adoption';
export { numbersRoutes } from './routes';
export { buildNumberService, type NumberServiceWiring } from './build-number-service';
export { activatedAccountIds, NumberSyncJob, syncActivatedAccounts, type NumberSyncPass } from './number-sync-job';
export { numberLiveUpdates } from './number-live-updates';
export { takeBackNumbersOfRemovedMember } from './removed-member-numbers';
