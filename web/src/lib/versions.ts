// Versioned documents (policies, checklist templates): the versions of one key together, newest first, the
// organization's own apart from the shipped ones of the same key.

interface Versioned {
  key: string;
  version: number;
  shipped: boolean;
}

export function versionGroups<T extends Versioned>(items: readonly T[]): T[][] {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = `${x.shipped ? 'shipped' : 'own'}:${x.key}`;
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return [...m.values()].map((g) => g.sort((a, b) => b.version - a.version));
}
