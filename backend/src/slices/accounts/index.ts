export * from './account-registry';
export * from './account-state';
export * from './demo-account';
export * from '../../platform/event-sourcing/event-envelope';
