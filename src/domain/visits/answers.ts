// Answers against a checklist template, the form's progress, and the observed-capacity draft the capacity
// section's answers give. Pure: no I/O.
import type { CapacityInputRole, ChecklistQuestion, ChecklistTemplate } from './checklist.js';
import { CapacityInputError, observedCapacity, type ObservedCapacityInput } from '../capacity/index.js';
import { questionsOf } from './templates.js';

export type AnswerScalar = boolean | number | string | null;

export interface AnswerCheckInput {
  value: AnswerScalar;
  notApplicable?: boolean;
}

export type AnswerCheck = { ok: true; value: AnswerScalar } | { ok: false; path: string; message: string };

const fail = (message: string, path = 'value'): AnswerCheck => ({ ok: false, path, message });

/**
 * Checks one answer against its question. null clears it; not applicable answers carry no value; a photo question
 * is answered by attaching photos, so its value is null (a note may say what the photos show).
 */
export function validateAnswer(q: ChecklistQuestion, a: AnswerCheckInput): AnswerCheck {
  const v = a.value;
  if (a.notApplicable) return v === null ? { ok: true, value: null } : fail('a "not applicable" answer has no value (send null)');
  // null clears an answer (the question counts as open again); a note may stay.
  if (v === null) return { ok: true, value: null };
  switch (q.type) {
    case 'yes_no':
      return typeof v === 'boolean' ? { ok: true, value: v } : fail('must be true (yes) or false (no)');
    case 'score': {
      const { min, max } = q.scale;
      if (typeof v !== 'number' || !Number.isInteger(v)) return fail(`must be a whole number from ${min} to ${max}`);
      if (v < min || v > max) return fail(`must be from ${min} to ${max}`);
      return { ok: true, value: v };
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`must be a number (${q.unit})`);
      if (q.integer && !Number.isInteger(v)) return fail(`must be a whole number (${q.unit})`);
      if (q.min !== undefined && v < q.min) return fail(`must be at least ${q.min} ${q.unit}`);
      if (q.max !== undefined && v > q.max) return fail(`must be at most ${q.max} ${q.unit}`);
      return { ok: true, value: v };
    }
    case 'text': {
      if (typeof v !== 'string') return fail('must be text');
      const t = v.trim();
      if (!t) return fail('must not be empty (send null to clear it)');
      const maxLength = q.maxLength ?? 5000;
      if (t.length > maxLength) return fail(`must be at most ${maxLength} characters`);
      return { ok: true, value: t };
    }
    case 'photo':
      return fail('a photo question is answered by attaching photos (POST …/attachments with its questionId); send null');
  }
}

export interface ProgressAnswer {
  value: AnswerScalar;
  notApplicable: boolean;
}

export interface ChecklistProgress {
  answered: number;
  total: number;
  requiredMissing: string[];
  sections: { id: string; answered: number; total: number }[];
}

/** Whether a question counts as answered: a value, "not applicable", or (photo) enough photos attached. */
export function isAnswered(q: ChecklistQuestion, a: ProgressAnswer | undefined, photos: number): boolean {
  if (a?.notApplicable) return true;
  if (q.type === 'photo') return photos >= Math.max(1, q.minPhotos ?? 1);
  return a !== undefined && a.value !== null;
}

export function checklistProgress(t: ChecklistTemplate, answers: ReadonlyMap<string, ProgressAnswer>, photosByQuestion: ReadonlyMap<string, number>): ChecklistProgress {
  const sections = t.sections.map((s) => ({
    id: s.id,
    answered: s.questions.filter((q) => isAnswered(q, answers.get(q.id), photosByQuestion.get(q.id) ?? 0)).length,
    total: s.questions.length,
  }));
  const requiredMissing = questionsOf(t)
    .filter(({ question: q }) => q.required && !isAnswered(q, answers.get(q.id), photosByQuestion.get(q.id) ?? 0))
    .map(({ question: q }) => q.id);
  return {
    answered: sections.reduce((n, s) => n + s.answered, 0),
    total: sections.reduce((n, s) => n + s.total, 0),
    requiredMissing,
    sections,
  };
}

export interface CapacityDraft {
  inputs: Partial<Record<CapacityInputRole, number>>;
  /** Roles the formula still needs. */
  missing: string[];
  preview: { value: number; formula: string } | null;
  error: { field: string; message: string } | null;
}

/**
 * The observed-capacity inputs the answers of a template's `capacityInput` questions give, and the formula's
 * result once they are complete. Availability is asked in percent and divided by 100. With working days the
 * figure is per month, otherwise per day. Null when the template asks no capacity inputs.
 */
export function capacityDraft(t: ChecklistTemplate, answers: ReadonlyMap<string, ProgressAnswer>): CapacityDraft | null {
  const roleQuestions = questionsOf(t).filter((x) => x.question.type === 'number' && x.question.capacityInput);
  if (roleQuestions.length === 0) return null;
  const inputs: Partial<Record<CapacityInputRole, number>> = {};
  for (const { question: q } of roleQuestions) {
    if (q.type !== 'number' || !q.capacityInput) continue;
    const a = answers.get(q.id);
    if (!a || a.notApplicable || typeof a.value !== 'number') continue;
    inputs[q.capacityInput] = q.capacityInput === 'availability' ? a.value / 100 : a.value;
  }
  const missing: string[] = [];
  for (const r of ['lines', 'shiftsPerDay', 'hoursPerShift', 'availability'] as const) if (inputs[r] === undefined) missing.push(r);
  if (inputs.unitsPerHour === undefined && inputs.cycleTimeSeconds === undefined) missing.push('unitsPerHour or cycleTimeSeconds');
  if (missing.length) return { inputs, missing, preview: null, error: null };
  const input: ObservedCapacityInput = {
    lines: inputs.lines!,
    shiftsPerDay: inputs.shiftsPerDay!,
    hoursPerShift: inputs.hoursPerShift!,
    availability: inputs.availability!,
    period: inputs.workingDaysPerPeriod !== undefined ? 'month' : 'day',
    ...(inputs.workingDaysPerPeriod !== undefined ? { workingDaysPerPeriod: inputs.workingDaysPerPeriod } : {}),
    ...(inputs.unitsPerHour !== undefined ? { unitsPerHour: inputs.unitsPerHour } : {}),
    ...(inputs.cycleTimeSeconds !== undefined ? { cycleTimeSeconds: inputs.cycleTimeSeconds } : {}),
    ...(inputs.cavitiesOrUnitsPerCycle !== undefined && inputs.cycleTimeSeconds !== undefined ? { cavitiesOrUnitsPerCycle: inputs.cavitiesOrUnitsPerCycle } : {}),
  };
  try {
    const r = observedCapacity(input);
    return { inputs, missing, preview: { value: r.value, formula: r.formula }, error: null };
  } catch (e) {
    if (e instanceof CapacityInputError) return { inputs, missing, preview: null, error: { field: e.field, message: e.message } };
    throw e;
  }
}
