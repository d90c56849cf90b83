// How one Nelson signal's points are listed in an answer. A rule can flag most of a long series (a shifted process
// puts nearly every point of a million on one side of the center line), and a list of a million indexes tells a
// reader nothing a count and the runs of consecutive points do not. So a signal is given as:
// - `count`: how many points the rule flagged, always exact;
// - `ranges`: the flagged points as runs of consecutive indexes, [first, last] inclusive, ascending;
// - `points`: the flagged indexes themselves, ascending;
// each list whole when it has at most `limit` entries, else its first `limit` (`truncated`). A small series is
// listed whole, as before; `limit: Infinity` lists every point and run of any series. Pure.

/** Entries listed per signal (`points`, `ranges`) unless the whole list is asked for. */
export const SIGNAL_LIST_LIMIT = 1000;

export interface SignalList {
  points: number[];
  count: number;
  ranges: [number, number][];
  rangeCount: number;
  /** `points` or `ranges` holds only the first `limit` entries. */
  truncated: boolean;
}

/** `points`: ascending indexes without duplicates. */
export function signalList(points: readonly number[], limit: number = SIGNAL_LIST_LIMIT): SignalList {
  const count = points.length;
  const ranges: [number, number][] = [];
  let rangeCount = 0;
  let i = 0;
  while (i < count) {
    const first = points[i]!;
    let last = first;
    i++;
    while (i < count && points[i] === last + 1) last = points[i++]!;
    if (rangeCount < limit) ranges.push([first, last]);
    rangeCount++;
  }
  const listed = count <= limit ? points.slice() : points.slice(0, limit);
  return { points: listed, count, ranges, rangeCount, truncated: listed.length < count || ranges.length < rangeCount };
}
