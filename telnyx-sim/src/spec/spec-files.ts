import { fileURLToPath } from 'node:url';

/** The committed, stand-alone spec subset the simulator validates against. */
export const SUBSET_PATH = fileURLToPath(new URL('../../spec/telnyx-subset.json', import.meta.url));

/** Telnyx's full published spec, present only in a development checkout (`../shared` beside the repo). */
export const FULL_SPEC_PATH = fileURLToPath(new URL('../../../../shared/telnyx-openapi/spec3.yml', import.meta.url));
