// widest-line for Ink's renderer in the bundle (scripts/build.mjs): see ink-measure.ts.
export { widestLine as default } from './ink-measure.js';
