/** What other slices and the composition root may use of this slice; the rest is its own. */
export { CallStreams } from './call-streams';
export { callHistoryRoutes } from './history/call-history-routes';
export { callHistoryLiveUpdates } from './history/call-live-updates';
export { FileSystemRecordingStorage } from './recordings/file-system-recording-storage';
export { recordingRoutes } from './recordings/recording-routes';
export { type RecordingStorage } from './recordings/recording-storage';
export { purgeExpiredRecordings } from './retention/recording-purger';
export { RetentionJob } from './retention/retention-job';
export { telnyxWebhooks } from './webhooks-plugin';
