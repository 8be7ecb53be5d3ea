export * from './retry';
export * from './telnyx-errors';
export * from './telnyx-gateway';
