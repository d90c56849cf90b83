// The domain as the web app sees it: the one entry web/src imports business rules from. Only pure, node-free
// modules are re-exported here (no node:crypto, no Buffer, no file system), so the browser bundle holds the same
// rules the server enforces. Add a module here when a screen needs it, never a server-only one.
// The verifiable record (src/domain/record: dossier and credential verification with their crypto) is imported by
// its own pages directly, so that its code stays in their lazily loaded chunks.
export * from './model.js';
export * from './permissions.js';
export * from './periods.js';
export { isTimeZone, localDate, utcOffsetLabel, utcToZonedLocal, zonedIso, zonedLocalToUtc } from './time/zones.js';
// Where a claim becomes supported or contradicted: the one place (the capacity rule with its tolerance).
export { DEFAULT_CAPACITY_TOLERANCE, meetsCapacityTolerance } from './claims/status.js';
export { CAPABILITY_THRESHOLDS, capabilityClass, type CapabilityClass } from './spc/capability.js';
export { FOLLOW_UP_STATUSES, followUpStatusesFor, mayVerifyFollowUp, type FollowUpStatus } from './visits/follow-ups.js';
export { checkOutcome } from './visits/outcome.js';
export { capacityDraft, checklistProgress, validateAnswer, type AnswerScalar, type CapacityDraft, type ProgressAnswer } from './visits/answers.js';
export { SAMPLE_TEST_RUNNERS, sampleTestNeedsReport, sampleTestProvenance, sampleTestRunners, type SampleTestRunner } from './quality/sample-tests.js';
export { fieldsOf, normalizeHeader, WIDE_PREFIX, type FieldDefinition } from './quality/columns.js';
export { CsvReader } from './quality/records.js';
export * from './discrepancies/model.js';
export { renderNotification } from './notifications/templates.js';
export { isIdentifierScheme, validateIdentifier } from './identifiers/index.js';
export { SINCERITY_SIGNAL_KEYS, type SincerityKey } from './sincerity/signals.js';
export { CATALOGUE, CATALOGUE_KEYS, type CatalogueKey } from './pilots/catalogue.js';
export { parseFormula } from './pilots/formula.js';
export { addMonths } from './pilots/periods.js';
export { PILOT_MAX_MONTHS, PILOT_MIN_MONTHS, pilotLength } from './pilots/plan.js';
export { QUANTITIES, QUANTITY_NAMES } from './pilots/quantities.js';
export { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from './policy/default-policies.js';
