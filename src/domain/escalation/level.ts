// Escalation is derived, never stored as a counter: from the due dates of the open items (8D steps, technical
// inquiries), the clock and the ladder's depth. A recorded escalation (timeline, notification) is a consequence
// the job writes once per level reached; the level itself is always this function of the data.

export interface DueItem {
  dueAt: Date;
  /** When the item was done; null or absent while it is open. */
  doneAt?: Date | null;
}

export interface EscalationOptions {
  /** After the first escalation (at the due time), one level more every N hours the item stays overdue. */
  escalateEveryHours: number;
  /** The deepest level of the ladder; the level never exceeds it. */
  maxLevel: number;
}

export interface EscalationState {
  /** 0 = on track; 1 … maxLevel = escalated to that level of the ladder. */
  level: number;
  /** The earliest due time passed by an item still open; null when nothing is overdue. */
  overdueSince: Date | null;
  /** Indexes (into the given items) of the items still open past their due time. */
  overdueItems: number[];
  /** When the level rises next if nothing is done: the next due time, or the next step up; null when none. */
  nextEscalationAt: Date | null;
}

const HOUR_MS = 3_600_000;

/** Open and past its due time. Exactly at the due time an item is still on time. */
export function isOverdue(item: DueItem, now: Date): boolean {
  return !item.doneAt && now.getTime() > item.dueAt.getTime();
}

/** Done after its due time. */
export function wasLate(item: DueItem): boolean {
  return Boolean(item.doneAt && item.doneAt.getTime() > item.dueAt.getTime());
}

export function escalationState(items: readonly DueItem[], now: Date, opts: EscalationOptions): EscalationState {
  if (!(opts.escalateEveryHours > 0)) throw new RangeError('escalateEveryHours must be positive');
  const maxLevel = Math.max(1, Math.floor(opts.maxLevel));
  const overdueItems: number[] = [];
  let since = Infinity;
  let nextDue = Infinity;
  items.forEach((item, i) => {
    if (item.doneAt) return;
    const due = item.dueAt.getTime();
    if (isOverdue(item, now)) {
      overdueItems.push(i);
      since = Math.min(since, due);
    } else {
      nextDue = Math.min(nextDue, due);
    }
  });
  if (overdueItems.length === 0) {
    return { level: 0, overdueSince: null, overdueItems, nextEscalationAt: Number.isFinite(nextDue) ? new Date(nextDue) : null };
  }
  const every = opts.escalateEveryHours * HOUR_MS;
  // now > since, so the first step up is at `since` itself (level 1), then every `every` ms after it.
  const level = Math.min(maxLevel, 1 + Math.floor((now.getTime() - since) / every));
  const nextStepUp = level < maxLevel ? since + level * every : Infinity;
  return { level, overdueSince: new Date(since), overdueItems, nextEscalationAt: Number.isFinite(nextStepUp) ? new Date(nextStepUp) : null };
}
