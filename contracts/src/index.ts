export * from './event-metadata';
