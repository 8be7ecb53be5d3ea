/** What other slices and the composition root may use of this slice; the rest is its own. */
export { evolveNumber, type NumberState } from './number-state';
export { adoptNumber, type NumberAdoption } from './number-adoption';
export { numbersRoutes } from './routes';
