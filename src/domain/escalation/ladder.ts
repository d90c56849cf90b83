// An engagement's escalation ladder: named contacts per level on both sides (level 1 = the people who work the
// issue day to day, higher levels = their management). An escalation to level N notifies the contacts of level N;
// a side without a contact at that level is reached through its highest named level below it.
import type { EngagementSide } from '../discrepancies/model.js';

export const MAX_LADDER_LEVELS = 5;
/** How deep an escalation goes while an engagement has not named its ladder. */
export const DEFAULT_LADDER_DEPTH = 3;

export interface LadderContact {
  level: number;
  side: EngagementSide;
  name: string;
  email?: string | null;
  userId?: string | null;
  title?: string | null;
}

/** The deepest level named on either side, else the default depth. */
export function ladderDepth(contacts: readonly LadderContact[]): number {
  const deepest = contacts.reduce((m, c) => Math.max(m, c.level), 0);
  return deepest > 0 ? deepest : DEFAULT_LADDER_DEPTH;
}

/** Who is notified of an escalation to `level`: that level's contacts, per side falling back to the nearest below. */
export function contactsAt(contacts: readonly LadderContact[], level: number): LadderContact[] {
  const out: LadderContact[] = [];
  for (const side of ['buyer', 'supplier'] as const) {
    const own = contacts.filter((c) => c.side === side && c.level <= level);
    if (own.length === 0) continue;
    const reached = Math.max(...own.map((c) => c.level));
    out.push(...own.filter((c) => c.level === reached));
  }
  return out;
}

/** A ladder is named when both sides have someone at level 1 and no level is skipped on either side. */
export function ladderProblems(contacts: readonly LadderContact[]): { side: EngagementSide; problem: 'no_level_1' | 'gap'; level: number }[] {
  const problems: { side: EngagementSide; problem: 'no_level_1' | 'gap'; level: number }[] = [];
  for (const side of ['buyer', 'supplier'] as const) {
    const levels = new Set(contacts.filter((c) => c.side === side).map((c) => c.level));
    if (!levels.has(1)) {
      problems.push({ side, problem: 'no_level_1', level: 1 });
      continue;
    }
    const deepest = Math.max(...levels);
    for (let l = 2; l < deepest; l++) if (!levels.has(l)) problems.push({ side, problem: 'gap', level: l });
  }
  return problems;
}

export function ladderNamed(contacts: readonly LadderContact[]): boolean {
  return ladderProblems(contacts).length === 0;
}
