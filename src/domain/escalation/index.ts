export * from './level.js';
export * from './cadence.js';
export * from './ladder.js';
export * from './reverification.js';
