// Pilots of phase 3: the KPI catalogue, custom formulas, order-line assessment, period bucketing, evaluation points
// and reviews, order/delivery import rows. Pure.
export * from './records.js';
export * from './periods.js';
export * from './formula.js';
export * from './orders.js';
export * from './catalogue.js';
export * from './quantities.js';
export * from './evaluate.js';
export * from './plan.js';
export * from './import-rows.js';
export * from './reader.js';
