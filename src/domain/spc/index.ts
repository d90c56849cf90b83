// Statistical process control: Shewhart charts, capability/performance indices, Nelson rules.
export * from './constants.js';
export * from './capability.js';
export * from './nelson.js';
export * from './analyze.js';
export * from './decimate.js';
export * from './verdict.js';
export * from './signal-list.js';
