// Names the server writes itself, in English, where a person would otherwise have written one: the shipped
// default policies (src/domain/policy/default-policies.ts) and a visit planned without a title (planning.ts:
// "<type> — <site>"). Shown in the UI language while they are still the system's; a name a person gave is kept.
import type { TFunction } from 'i18next';
import { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from '../../../src/domain/browser.js';

const SHIPPED: Record<string, { name: string; description: string }> = {
  [DEFAULT_CROSS_BORDER_POLICY.key]: { name: DEFAULT_CROSS_BORDER_POLICY.name, description: DEFAULT_CROSS_BORDER_POLICY.description ?? '' },
  [DEFAULT_DOMESTIC_POLICY.key]: { name: DEFAULT_DOMESTIC_POLICY.name, description: DEFAULT_DOMESTIC_POLICY.description ?? '' },
};

/** A policy's name: the shipped defaults' in the UI language (while not renamed), else as its author wrote it. */
export function policyName(t: TFunction, p: { key: string; name: string }): string {
  const s = SHIPPED[p.key];
  return s && s.name === p.name ? t(`ux.policies.${p.key}.name`) : p.name;
}

export function policyDescription(t: TFunction, p: { key: string; description?: string | null }): string {
  const s = SHIPPED[p.key];
  return s && p.description === s.description ? t(`ux.policies.${p.key}.description`) : p.description ?? '';
}

/** The English labels the server builds default visit titles from (src/services/visits/views.ts). */
const VISIT_TYPE_EN: Record<string, string> = { buyer_visit: 'Factory visit', third_party_audit: 'Third-party audit', remote_video: 'Remote video walk-through' };

/** A visit's title: the default one ("Factory visit — Beilun Plant 1") in the UI language, a given one as written. */
export function visitTitle(t: TFunction, v: { title: string; type: string; site: { name: string } }): string {
  const en = VISIT_TYPE_EN[v.type];
  return en && v.title === `${en} — ${v.site.name}` ? `${t(`visits.types.${v.type}`)} — ${v.site.name}` : v.title;
}
