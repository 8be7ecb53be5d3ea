export * from './routing-entry.entity';
export * from './routing-projector';
