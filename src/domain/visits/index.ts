// Factory visits and audits: checklist templates, answers, sincerity, outcome rules, dates at the site, and the
// portfolio comparison of engagements with and without a visit. Pure: no I/O.
export * from './templates.js';
export * from './answers.js';
export * from './sincerity.js';
export * from './time.js';
export * from './outcome.js';
export * from './effect.js';
