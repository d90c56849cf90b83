// Visits and their checklist templates as the domain knows them: the vocabulary of a visit and the shape of a
// checklist (versioned data validated like policies). The domain owns these types and lists; src/contracts/visits.ts
// builds its Zod schemas from them and checks at compile time that they accept exactly these types. Pure.
import type { ClaimType } from '../model.js';
import type { LocalizedText } from '../policy/types.js';

export const VISIT_TYPES = ['buyer_visit', 'third_party_audit', 'remote_video'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
export const VISIT_STATUSES = ['proposed', 'confirmed', 'rescheduling', 'declined', 'in_progress', 'closed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** Statuses in which the visiting side records answers, photos, findings and observations. */
export const RECORDING_STATUSES: readonly VisitStatus[] = ['confirmed', 'in_progress'];
export const VISIT_OUTCOMES = ['satisfactory', 'satisfactory_with_actions', 'unsatisfactory'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_SIDES = ['buyer', 'supplier', 'auditor'] as const;
export type VisitSide = (typeof VISIT_SIDES)[number];

export const CHECKLIST_QUESTION_TYPES = ['yes_no', 'score', 'number', 'text', 'photo'] as const;
export type ChecklistQuestionType = (typeof CHECKLIST_QUESTION_TYPES)[number];
/** What a template is for: the visiting side's checklist, or the supplier's assessment of the buyer. */
export const CHECKLIST_PURPOSES = ['visit_checklist', 'buyer_sincerity'] as const;
export type ChecklistPurpose = (typeof CHECKLIST_PURPOSES)[number];
/** The four areas the verification model names; sections an admin adds are `custom`. */
export const SECTION_FOCUSES = ['capacity', 'qc_practice', 'responsiveness', 'cultural_fit', 'custom'] as const;
export type SectionFocus = (typeof SECTION_FOCUSES)[number];
export const REQUIRED_VISIT_FOCUSES = ['capacity', 'qc_practice', 'responsiveness', 'cultural_fit'] as const;
/**
 * A number question can feed one input of the observed-capacity formula (src/domain/capacity/observed.ts).
 * `availability` is asked in percent (unit "%") and divided by 100.
 */
export const CAPACITY_INPUT_ROLES = [
  'lines',
  'shiftsPerDay',
  'hoursPerShift',
  'unitsPerHour',
  'cycleTimeSeconds',
  'cavitiesOrUnitsPerCycle',
  'availability',
  'workingDaysPerPeriod',
] as const;
export type CapacityInputRole = (typeof CAPACITY_INPUT_ROLES)[number];

interface QuestionBase {
  id: string;
  text: LocalizedText;
  help?: LocalizedText;
  /** The visit can close with it unanswered, but the progress shows it missing. */
  required?: boolean;
  /** The kind of supplier claim an answer or finding here usually bears on (e.g. qc_process). */
  claimType?: ClaimType;
}

export interface ScoreAnchor {
  value: number;
  label: LocalizedText;
}

export interface ScoreScale {
  min: number;
  max: number;
  /** What a score means; at least the minimum and the maximum are anchored. */
  anchors: ScoreAnchor[];
}

export interface YesNoQuestion extends QuestionBase {
  type: 'yes_no';
  /** The answer that needs no finding (a "no" to "is the control plan at the station?" is a gap). */
  expected?: boolean;
}

export interface ScoreQuestion extends QuestionBase {
  type: 'score';
  scale: ScoreScale;
  /** Relative weight in a score breakdown (default 1). */
  weight?: number;
}

export interface NumberQuestion extends QuestionBase {
  type: 'number';
  unit: string;
  min?: number;
  max?: number;
  integer?: boolean;
  capacityInput?: CapacityInputRole;
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  multiline?: boolean;
  maxLength?: number;
}

export interface PhotoQuestion extends QuestionBase {
  type: 'photo';
  minPhotos?: number;
  maxPhotos?: number;
}

export type ChecklistQuestion = YesNoQuestion | ScoreQuestion | NumberQuestion | TextQuestion | PhotoQuestion;

export interface ChecklistSection {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Which area of the verification model the section covers; absent means `custom`. */
  focus?: SectionFocus;
  claimType?: ClaimType;
  questions: ChecklistQuestion[];
}

export interface ChecklistTemplate {
  key: string;
  version: number;
  purpose: ChecklistPurpose;
  name: LocalizedText;
  description?: LocalizedText;
  sections: ChecklistSection[];
}
