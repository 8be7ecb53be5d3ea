export * from './activation-progress';
export * from './activation-projector';
export * from './activation-view.entity';
