export * from './agency-view.entity';
export * from './agencies-projector';
