// What the visiting side records on the floor, as the phone form sees it: the server's answers, photos, findings
// and observed capacity, merged with the changes still on this device (the outbox) and the ones being typed.
// Every change goes through the outbox: written to IndexedDB first, then sent (see offline/outbox.ts).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChecklistQuestion } from '../../../../src/contracts/visits.js';
import { type AnswerScalar, capacityDraft, checklistProgress, type ProgressAnswer, validateAnswer } from '../../../../src/domain/browser.js';
import i18n from '../../i18n/index.js';
import { notify } from '../../lib/notify.js';
import { newClientId, outbox, type CapacityBody, type CapacityItem, type FindingBody, type FindingItem, type OutboxItem, type PhotoItem } from '../../offline/outbox.js';
import { preparePhoto } from '../../offline/photos.js';
import { useOutboxSession, usePendingItems, usePhotoUrls } from '../../offline/useOutbox.js';
import { visitKey, type AnswerSaved, type Attachment, type CapacityResult, type Finding, type VisitDetail } from './api.js';

export interface LocalAnswer {
  value: AnswerScalar;
  note: string | null;
  notApplicable: boolean;
  clientUpdatedAt: string;
}

/** A photo as the form shows it: on the server, or still on the device. */
export interface PhotoView {
  key: string;
  url: string;
  filename: string;
  caption: string | null;
  pending: boolean;
  /** The attachment id (server) or the outbox id (device). */
  id: string;
}

export interface FindingRow {
  key: string;
  finding: Pick<Finding, 'severity' | 'text' | 'questionId' | 'claimId' | 'claimEffect'> & { followUp: FindingBody['followUp'] | Finding['followUp'] };
  pending: boolean;
  server: Finding | null;
}

export interface CapacityRow {
  key: string;
  pending: boolean;
  server: CapacityResult | null;
  body: CapacityBody | null;
}

const TYPING_DEBOUNCE_MS = 600;

/** The device refused to store a change (storage full or blocked): say so, the change is not kept. */
function storageFailed(e: unknown) {
  notify.error(i18n.t('visits.outbox.storageFailed', { message: e instanceof Error ? e.message : String(e) }));
}

/** The next edit's timestamp: never earlier than (or equal to) the last one, even if the clock steps back. */
let lastStamp = 0;
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

export function useRecorder(visit: VisitDetail) {
  const qc = useQueryClient();
  const session = useOutboxSession();
  const pending = usePendingItems(visit.id);
  const [local, setLocal] = useState<ReadonlyMap<string, LocalAnswer>>(new Map());
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; answer: LocalAnswer }>());
  const [typing, setTyping] = useState(0);
  const questions = useMemo(() => new Map(visit.templateDocument.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const))), [visit.templateDocument]);

  // --- answers ------------------------------------------------------------------------------------------------
  const answers = useMemo(() => {
    const m = new Map<string, LocalAnswer>();
    const consider = (q: string, a: LocalAnswer) => {
      const cur = m.get(q);
      if (!cur || a.clientUpdatedAt >= cur.clientUpdatedAt) m.set(q, a);
    };
    for (const a of visit.answers) consider(a.questionId, { value: a.value, note: a.note, notApplicable: a.notApplicable, clientUpdatedAt: a.clientUpdatedAt });
    for (const i of pending) {
      if (i.kind === 'answer') consider(i.questionId, { value: i.body.value ?? null, note: i.body.note ?? null, notApplicable: Boolean(i.body.notApplicable), clientUpdatedAt: i.body.clientUpdatedAt });
    }
    for (const [q, a] of local) consider(q, a);
    return m;
  }, [visit.answers, pending, local]);
  const answersRef = useRef(answers);
  answersRef.current = answers;

  const write = useCallback(
    (questionId: string, a: LocalAnswer) => {
      outbox.enqueue(
        {
          kind: 'answer',
          visitId: visit.id,
          questionId,
          body: { clientId: newClientId(), clientUpdatedAt: a.clientUpdatedAt, value: a.value, note: a.note, notApplicable: a.notApplicable },
        },
        session,
      ).catch(storageFailed);
    },
    [visit.id, session],
  );

  const flush = useCallback(() => {
    for (const [q, { timer, answer }] of timers.current) {
      clearTimeout(timer);
      write(q, answer);
    }
    timers.current.clear();
    setTyping(0);
  }, [write]);

  /**
   * Changes an answer on the screen at once, and (once valid) keeps it in the outbox: toggles and chips at once,
   * typing after a short pause. Returns the problem when the value cannot be saved (shown next to the field).
   */
  const setAnswer = useCallback(
    (questionId: string, patch: Partial<Omit<LocalAnswer, 'clientUpdatedAt'>>, opts: { debounce?: boolean } = {}): string | null => {
      const q = questions.get(questionId);
      if (!q) return null;
      const cur = answersRef.current.get(questionId) ?? { value: null, note: null, notApplicable: false, clientUpdatedAt: '' };
      const next: LocalAnswer = { ...cur, ...patch, clientUpdatedAt: stamp() };
      if (next.notApplicable) next.value = null;
      const check = validateAnswer(q, { value: next.value, notApplicable: next.notApplicable });
      // Not a valid answer (yet): nothing changes, the last valid value stays on the screen's record and is saved.
      if (!check.ok) return check.message;
      answersRef.current = new Map(answersRef.current).set(questionId, next);
      setLocal((m) => new Map(m).set(questionId, next));
      const old = timers.current.get(questionId);
      if (old) clearTimeout(old.timer);
      timers.current.delete(questionId);
      // What is sent is the value as the server stores it (text trimmed); the field keeps what was typed.
      const payload: LocalAnswer = { ...next, value: check.value };
      if (opts.debounce) {
        const timer = setTimeout(() => {
          timers.current.delete(questionId);
          setTyping(timers.current.size);
          write(questionId, payload);
        }, TYPING_DEBOUNCE_MS);
        timers.current.set(questionId, { timer, answer: payload });
      } else write(questionId, payload);
      setTyping(timers.current.size);
      return null;
    },
    [questions, write],
  );

  // Nothing typed is lost when the page is hidden, left or closed.
  useEffect(() => {
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);

  // --- photos -------------------------------------------------------------------------------------------------
  const pendingPhotos = useMemo(() => pending.filter((i): i is PhotoItem => i.kind === 'photo'), [pending]);
  const urls = usePhotoUrls(pendingPhotos);
  const photosOf = useCallback(
    (questionId: string): PhotoView[] => {
      const server = visit.attachments.filter((a) => a.questionId === questionId);
      const known = new Set(server.map((a) => a.clientId));
      return [
        ...server.map((a) => ({ key: a.clientId, id: a.id, url: a.contentUrl, filename: a.filename, caption: a.caption, pending: false })),
        ...pendingPhotos
          .filter((p) => p.body.questionId === questionId && !known.has(p.id))
          .map((p) => ({ key: p.id, id: p.id, url: urls.get(p.id) ?? '', filename: p.filename, caption: p.body.caption ?? null, pending: true })),
      ];
    },
    [visit.attachments, pendingPhotos, urls],
  );

  const addPhoto = useCallback(
    async (questionId: string, file: File, caption?: string) => {
      const photo = await preparePhoto(file);
      const draft = {
        kind: 'photo' as const,
        visitId: visit.id,
        blob: photo.blob,
        filename: photo.filename,
        mediaType: photo.mediaType,
        fileId: null,
        body: { clientId: newClientId(), questionId, takenAt: new Date().toISOString(), ...(caption ? { caption } : {}) },
      };
      await outbox.enqueue(draft, session).catch(storageFailed);
    },
    [visit.id, session],
  );

  // --- findings and observed capacity ---------------------------------------------------------------------------
  const findings = useMemo((): FindingRow[] => {
    const known = new Set(visit.findings.map((f) => f.clientId));
    return [
      ...visit.findings.map((f) => ({ key: f.clientId, finding: f, pending: false, server: f })),
      ...pending
        .filter((i): i is FindingItem => i.kind === 'finding' && !known.has(i.id))
        .map((i) => ({
          key: i.id,
          pending: true,
          server: null,
          finding: { severity: i.body.severity, text: i.body.text, questionId: i.body.questionId ?? null, claimId: i.body.claimId ?? null, claimEffect: i.body.claimEffect ?? null, followUp: i.body.followUp },
        })),
    ];
  }, [visit.findings, pending]);

  const addFinding = useCallback(
    (body: Omit<FindingBody, 'clientId'>) => outbox.enqueue({ kind: 'finding', visitId: visit.id, body: { ...body, clientId: newClientId() } }, session).catch(storageFailed),
    [visit.id, session],
  );

  const observations = useMemo((): CapacityRow[] => {
    const known = new Set(visit.capacityObservations.map((c) => c.clientId));
    return [
      ...pending
        .filter((i): i is CapacityItem => i.kind === 'capacity' && !known.has(i.id))
        .map((i) => ({ key: i.id, pending: true, server: null, body: i.body })),
      ...[...visit.capacityObservations].reverse().map((c) => ({ key: c.clientId, pending: false, server: { ...c, claimStatus: visit.claims.find((x) => x.id === c.claimId)?.status ?? null }, body: null })),
    ];
  }, [visit.capacityObservations, visit.claims, pending]);

  const addCapacity = useCallback(
    (body: Omit<CapacityBody, 'clientId'>) => outbox.enqueue({ kind: 'capacity', visitId: visit.id, body: { ...body, clientId: newClientId() } }, session).catch(storageFailed),
    [visit.id, session],
  );

  const discard = useCallback((id: string) => outbox.discard(id), []);

  // --- what the server answered: into the cached visit at once, the rest (progress, claims) refetched -------------
  useEffect(() => {
    let refetch: ReturnType<typeof setTimeout> | null = null;
    const off = outbox.onSent((item: OutboxItem, response) => {
      if (item.visitId !== visit.id) return;
      qc.setQueryData<VisitDetail>(visitKey(visit.id), (d) => {
        if (!d) return d;
        switch (item.kind) {
          case 'answer': {
            const a = (response as AnswerSaved).answer;
            return { ...d, answers: [...d.answers.filter((x) => x.questionId !== a.questionId), a] };
          }
          case 'photo': {
            const a = response as Attachment;
            return { ...d, attachments: [...d.attachments.filter((x) => x.id !== a.id), a] };
          }
          case 'finding': {
            const f = response as Finding;
            return { ...d, findings: [...d.findings.filter((x) => x.id !== f.id), f] };
          }
          case 'capacity': {
            const c = response as CapacityResult;
            const { claimStatus, ...obs } = c;
            return {
              ...d,
              capacityObservations: [...d.capacityObservations.filter((x) => x.id !== c.id), obs],
              claims: d.claims.map((x) => (x.id === c.claimId && claimStatus ? { ...x, status: claimStatus } : x)),
            };
          }
        }
      });
      if (refetch) clearTimeout(refetch);
      refetch = setTimeout(() => void qc.invalidateQueries({ queryKey: visitKey(visit.id) }), 1200);
    });
    return () => {
      off();
      if (refetch) clearTimeout(refetch);
    };
  }, [qc, visit.id]);

  // --- progress and the capacity formula, from what is on the screen --------------------------------------------
  const progressAnswers = useMemo(() => new Map<string, ProgressAnswer>([...answers].map(([q, a]) => [q, { value: a.value, notApplicable: a.notApplicable }])), [answers]);
  const photoCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const q of questions.keys()) {
      const n = photosOf(q).length;
      if (n) m.set(q, n);
    }
    return m;
  }, [questions, photosOf]);
  const progress = useMemo(() => checklistProgress(visit.templateDocument, progressAnswers, photoCounts), [visit.templateDocument, progressAnswers, photoCounts]);
  const draft = useMemo(() => capacityDraft(visit.templateDocument, progressAnswers), [visit.templateDocument, progressAnswers]);

  return { answers, setAnswer, flush, typing, photosOf, addPhoto, findings, addFinding, observations, addCapacity, discard, progress, draft, questions };
}

export type Recorder = ReturnType<typeof useRecorder>;
export type { ChecklistQuestion };
