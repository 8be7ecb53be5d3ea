export * from './number-view.entity';
export * from './numbers-projector';
