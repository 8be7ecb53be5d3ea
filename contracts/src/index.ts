export * from './event-metadata';
export * from './events/account-events';
export * from './events/agent-events';
export * from './events/number-events';
export * from './events/call-events';
export * from './events/user-events';
export * from './events/platform-events';
export * from './call-status-rank';
