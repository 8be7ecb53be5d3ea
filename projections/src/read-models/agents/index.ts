export * from './agent-view.entity';
export * from './agents-projector';
