export * from './types.js';
export { evaluateReadiness, phaseToEvaluate } from './evaluate.js';
export { claimStatus, assessClaims, claimsInScope, effectiveEffect } from '../claims/status.js';
export type { ClaimStatusOptions, ClaimStatusResult } from '../claims/status.js';
export { evidenceAlerts, EXPIRY_WARNING_DAYS } from './alerts.js';
export { formalScore, behaviouralScore } from './scores.js';
export { evaluateRequirement, notApplicableBecause } from './requirements.js';
export { renderEnglish, READINESS_MESSAGE_KEYS } from './messages.js';
export {
  QMS_STANDARDS,
  isExpired,
  isInForce,
  isValidToday,
  evidenceAgeDays,
  labelMatches,
  subjectMatches,
  selectEvidence,
} from './evidence.js';
