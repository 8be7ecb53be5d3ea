export * from './account-registry';
export * from './account-state';
export * from './demo-account';
export * from './event-envelope';
