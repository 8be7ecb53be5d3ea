/** What other slices and the composition root may use of this slice; the rest is its own. */
export { OperatorRejected, type PlatformOperator } from './operator-decider';
export { operatorRoutes } from './operator-routes';
export { PlatformOperators } from './platform-operators';
