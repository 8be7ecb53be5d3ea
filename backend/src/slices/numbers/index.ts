export * from './number-service';
export * from './number-rejected';
export * from './number-state';
export { numbersRoutes, type NumbersRouteDeps } from './routes';
export { numbersTelnyx, numbersTelnyxFor, type NumbersTelnyx } from './numbers-telnyx';
