// Quality data: units, column mapping, record readers, row validation, sample-test verdicts, chart shapes. Pure.
export * from './units.js';
export * from './records.js';
export * from './columns.js';
export * from './rows.js';
export * from './sample-tests.js';
export * from './charts.js';
