export * from './classify.js';
export * from './signals.js';
export * from './score.js';
