export * from './model.js';
export * from './rules.js';
export * from './disclosure.js';
export * from './corrective-actions.js';
