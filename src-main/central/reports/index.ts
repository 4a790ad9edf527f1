/** The national reports (docs/central.md): each over any set of offices and office-local dates. */
export { nationalIkm, type NationalIkm } from './ikm.ts';
export { nationalIssuance, type NationalIssuance } from './issuance.ts';
export { nationalPromises, type NationalPromises } from './promises.ts';
export type { NationalQuery } from './query.ts';
export { nationalWaits, type NationalWaits } from './waits.ts';
