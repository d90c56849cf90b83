// ISO 2859-1 / ANSI/ASQ Z1.4 acceptance sampling by attributes (single sampling) and switching rules.
export * from './tables.js';
export * from './sampling.js';
export * from './switching.js';
