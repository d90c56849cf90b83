// Progress updates at the cadence agreed in an engagement (e.g. weekly). Each update restarts the period; a period
// that ends without an update is a missed update, and the next period starts from the missed due time. Pure: the
// job flags each missed due time once, and KPIs count kept against missed.

export interface CadenceInput {
  everyDays: number;
  /** When updates started to be expected (the cadence was agreed, or the phase started). */
  since: Date;
  /** When updates were sent (any order; those before `since` or after `now` are ignored). */
  updates: readonly Date[];
  now: Date;
}

export interface CadenceState {
  everyDays: number;
  lastUpdateAt: Date | null;
  /** When the next update is due. */
  nextDueAt: Date;
  /** Due times that passed without an update, oldest first. */
  missed: Date[];
  /** Updates sent within their period. */
  kept: number;
  /** True when the most recent due time passed without an update (nothing sent since). */
  overdue: boolean;
}

const DAY_MS = 86_400_000;

export function progressCadence(input: CadenceInput): CadenceState {
  if (!(input.everyDays > 0)) throw new RangeError('everyDays must be positive');
  const every = input.everyDays * DAY_MS;
  const since = input.since.getTime();
  const now = input.now.getTime();
  const updates = input.updates
    .map((d) => d.getTime())
    .filter((t) => t >= since && t <= now)
    .sort((a, b) => a - b);
  const missed: Date[] = [];
  let anchor = since;
  let kept = 0;
  for (const u of updates) {
    while (anchor + every < u) {
      anchor += every;
      missed.push(new Date(anchor));
    }
    kept++;
    anchor = u;
  }
  // Misses after the last update: the update the other side is waiting for now.
  let overdue = false;
  while (anchor + every < now) {
    anchor += every;
    missed.push(new Date(anchor));
    overdue = true;
  }
  return {
    everyDays: input.everyDays,
    lastUpdateAt: updates.length ? new Date(updates[updates.length - 1]) : null,
    nextDueAt: new Date(anchor + every),
    missed,
    kept,
    overdue,
  };
}
