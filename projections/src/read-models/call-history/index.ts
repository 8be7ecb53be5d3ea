export * from './call-history-entry.entity';
export * from './call-history-projector';
export * from './call-outcome';
