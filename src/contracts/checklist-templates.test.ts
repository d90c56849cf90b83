import { describe, expect, it } from 'vitest';
// The shipped checklist templates (src/domain/visits/templates.ts) against the schema that validates uploads.
import { parseChecklistTemplate, type ChecklistTemplate } from './visits.js';
import { SHIPPED_BUYER_CHECKLIST, SHIPPED_CHECKLIST_TEMPLATES, SHIPPED_SINCERITY_TEMPLATE, SINCERITY_DIMENSIONS, findQuestion, questionsOf } from '../domain/visits/templates.js';

describe('shipped checklist templates', () => {
  it.each(SHIPPED_CHECKLIST_TEMPLATES.map((t) => ({ key: t.key, t })))('$key parses without errors', ({ t }) => {
    const r = parseChecklistTemplate(structuredClone(t));
    expect(r).toEqual({ ok: true, template: t });
  });

  it('the buyer checklist has the four sections the verification model names, in English and Chinese', () => {
    expect(SHIPPED_BUYER_CHECKLIST.sections.map((s) => s.focus)).toEqual(['capacity', 'qc_practice', 'responsiveness', 'cultural_fit']);
    for (const { question } of questionsOf(SHIPPED_BUYER_CHECKLIST)) {
      expect(question.text.en.length).toBeGreaterThan(5);
      expect(question.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const roles = questionsOf(SHIPPED_BUYER_CHECKLIST).flatMap(({ question: q }) => (q.type === 'number' && q.capacityInput ? [q.capacityInput] : []));
    expect(roles.sort()).toEqual(['availability', 'cavitiesOrUnitsPerCycle', 'cycleTimeSeconds', 'hoursPerShift', 'lines', 'shiftsPerDay', 'unitsPerHour', 'workingDaysPerPeriod']);
    expect(new Set(questionsOf(SHIPPED_BUYER_CHECKLIST).map((x) => x.question.type))).toEqual(new Set(['yes_no', 'score', 'number', 'text', 'photo']));
  });

  it('the sincerity template scores the five dimensions 1–5 with anchors', () => {
    const qs = questionsOf(SHIPPED_SINCERITY_TEMPLATE).map((x) => x.question);
    expect(qs.map((q) => q.id)).toEqual([...SINCERITY_DIMENSIONS]);
    for (const q of qs) {
      expect(q.type).toBe('score');
      if (q.type === 'score') expect([q.scale.min, q.scale.max, q.scale.anchors.length]).toEqual([1, 5, 3]);
    }
  });

  it('finds a question with its section', () => {
    expect(findQuestion(SHIPPED_BUYER_CHECKLIST, 'qc.calibration')?.section.id).toBe('qc');
    expect(findQuestion(SHIPPED_BUYER_CHECKLIST, 'nope')).toBeNull();
  });
});

type Mutate = (t: Record<string, any>) => void;
const base = () => structuredClone(SHIPPED_BUYER_CHECKLIST) as unknown as Record<string, any>;

describe('parseChecklistTemplate: every error names its exact path', () => {
  it.each<{ name: string; mutate: Mutate; path: string; message?: RegExp; from?: () => Record<string, any> }>([
    { name: 'unknown top-level key', mutate: (t) => (t.colour = 'red'), path: 'colour', message: /unknown key/ },
    { name: 'unknown key in a question', mutate: (t) => (t.sections[1].questions[0].weightt = 2), path: 'sections[1].questions[0].weightt' },
    { name: 'bad key', mutate: (t) => (t.key = 'Buyer Visit'), path: 'key' },
    { name: 'missing Chinese text', mutate: (t) => delete t.sections[0].questions[2].text.zh, path: 'sections[0].questions[2].text.zh' },
    { name: 'unknown question type', mutate: (t) => (t.sections[2].questions[1].type = 'slider'), path: 'sections[2].questions[1].type' },
    { name: 'duplicate question id across sections', mutate: (t) => (t.sections[3].questions[0].id = 'cap.lines'), path: 'sections[3].questions[0].id', message: /duplicate question id "cap.lines" \(also sections\[0\]\.questions\[0\]\)/ },
    { name: 'duplicate section id', mutate: (t) => (t.sections[2].id = 'qc'), path: 'sections[2].id', message: /duplicate section id/ },
    { name: 'anchor outside the scale', mutate: (t) => (t.sections[1].questions[5].scale.anchors[1].value = 9), path: 'sections[1].questions[5].scale.anchors[1].value', message: /within the scale 1–5/ },
    { name: 'scale without an anchor at its maximum', mutate: (t) => t.sections[1].questions[5].scale.anchors.pop(), path: 'sections[1].questions[5].scale.anchors', message: /maximum \(5\)/ },
    { name: 'scale max not above min', mutate: (t) => (t.sections[2].questions[0].scale.max = 1), path: 'sections[2].questions[0].scale.max' },
    { name: 'non-integer scale bound', mutate: (t) => (t.sections[2].questions[0].scale.min = 0.5), path: 'sections[2].questions[0].scale.min' },
    { name: 'number max below min', mutate: (t) => (t.sections[0].questions[1].max = 0), path: 'sections[0].questions[1].max' },
    { name: 'number without unit', mutate: (t) => delete t.sections[0].questions[0].unit, path: 'sections[0].questions[0].unit' },
    { name: 'capacity role asked twice', mutate: (t) => (t.sections[2].questions[1].capacityInput = 'lines'), path: 'sections[2].questions[1].capacityInput', message: /already asked by sections\[0\]\.questions\[0\]/ },
    { name: 'availability not in percent', mutate: (t) => (t.sections[0].questions[6].unit = 'ratio'), path: 'sections[0].questions[6].unit' },
    { name: 'unknown capacity role', mutate: (t) => (t.sections[0].questions[0].capacityInput = 'machines'), path: 'sections[0].questions[0].capacityInput' },
    { name: 'photo max below min', mutate: (t) => (t.sections[0].questions[10].maxPhotos = 0), path: 'sections[0].questions[10].maxPhotos' },
    { name: 'a section without questions', mutate: (t) => (t.sections[3].questions = []), path: 'sections[3].questions' },
    { name: 'a visit checklist without the cultural-fit section', mutate: (t) => (t.sections[3].focus = 'custom'), path: 'sections', message: /"cultural_fit"/ },
    { name: 'unknown claim type', mutate: (t) => (t.sections[1].claimType = 'vibes'), path: 'sections[1].claimType' },
    {
      name: 'a sincerity question that is not scored',
      from: () => structuredClone(SHIPPED_SINCERITY_TEMPLATE) as unknown as Record<string, any>,
      mutate: (t) => (t.sections[0].questions[2] = { id: 'specs', type: 'text', text: { en: 'Specs?', zh: '规格？' } }),
      path: 'sections[0].questions[2].type',
      message: /every question is of type "score"/,
    },
    { name: 'version zero', mutate: (t) => (t.version = 0), path: 'version' },
  ])('$name → $path', ({ mutate, path, message, from }) => {
    const doc = (from ?? base)();
    mutate(doc);
    const r = parseChecklistTemplate(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(r.errors)).toBeDefined();
    if (message) expect(hit!.message).toMatch(message);
  });

  it('an admin adds a section of its own to the shipped checklist', () => {
    const t = base() as unknown as ChecklistTemplate;
    t.key = 'nordlicht.visit';
    t.sections.push({
      id: 'cleanroom',
      title: { en: 'Clean-room packing', zh: '洁净室包装' },
      questions: [{ id: 'cr.gowning', type: 'yes_no', expected: true, text: { en: 'Is gowning followed at the entrance?', zh: '入口处是否遵守更衣规定？' } }],
    });
    expect(parseChecklistTemplate(t).ok).toBe(true);
  });

  it('a document that is not an object', () => {
    expect(parseChecklistTemplate('checklist')).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });
});
