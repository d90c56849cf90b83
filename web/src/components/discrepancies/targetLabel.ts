// What a discrepancy is raised against, in the reader's language: the server stores an English label ("Lot L-1
// (P), incoming inspection 2026-11-02: not accepted, 4 nonconforming") and the parameters it was written from; the
// label is worded here from those, and shown as stored when a discrepancy predates them.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { visitTitle } from '../../lib/systemText.js';
import { useDay } from '../engagement/format.js';

export interface TargetLike {
  kind: string;
  label: string;
  labelParams?: Record<string, string | number | null> | null;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function targetLabelText(t: TFunction, day: (iso: string) => string, target: TargetLike): string {
  const p = target.labelParams;
  if (!p) return target.label;
  const k = 'discrepancies.targetLabel';
  const date = typeof p.date === 'string' ? day(p.date) : '';
  switch (target.kind) {
    case 'delivery': {
      const unit = p.unit ? ` ${str(p.unit)}` : '';
      return [
        t(`${k}.delivery`, { number: str(p.number) }),
        p.item ? t(`${k}.deliveryItem`, { item: str(p.item) }) : '',
        p.lot ? t(`${k}.deliveryLot`, { lot: str(p.lot) }) : '',
        t(`${k}.deliveryReceived`, { date, quantity: `${str(p.received)}${unit}` }),
        Number(p.rejected ?? 0) > 0 ? t(`${k}.deliveryRejected`, { quantity: `${str(p.rejected)}${unit}` }) : '',
      ].join('');
    }
    case 'lot_inspection':
      return t(`${k}.lot_inspection`, { lot: str(p.lot), product: str(p.product), date, decision: t(`${k}.decision.${str(p.decision)}`, { defaultValue: str(p.decision) }), nonconforming: str(p.nonconforming) });
    case 'sample_test':
      return t(`${k}.sample_test`, { product: str(p.product), date, verdict: t(`serverText.words.${str(p.verdict)}`, { defaultValue: str(p.verdict) }) });
    case 'batch_record':
      return t(`${k}.batch_record`, { lot: str(p.lot), product: str(p.product), date });
    case 'claim':
      return t(`${k}.claim`, { title: str(p.title) });
    case 'visit_finding':
      return t(`${k}.visit_finding`, {
        severity: t(`visits.severity.${str(p.severity)}`, { defaultValue: str(p.severity) }),
        visit: p.site ? visitTitle(t, { title: str(p.visit), type: str(p.visitType), site: { name: str(p.site) } }) : str(p.visit),
        text: str(p.text),
      });
    default:
      return target.label;
  }
}

/** The target's label in the UI language (see targetLabelText). */
export function useTargetLabel() {
  const { t } = useTranslation();
  const day = useDay();
  return useCallback((target: TargetLike) => targetLabelText(t, day, target), [t, day]);
}
