// Tabs that switch without waiting: the tab list answers the click at once, the panel that was on screen stays
// there while the next one renders (a deferred value), and a panel once shown is kept (React's <Activity>:
// hidden, its state and DOM kept, its effects paused) so coming back to it costs nothing. The tab lives in
// ?tab= so a link or a reload opens it.
import { Activity, useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface KeptTabs<T extends string> {
  /** Base of the element ids (pass it to <Tabs id>), so each tab names its panel. */
  id: string;
  /** The tab the user chose (highlighted in the list). */
  tab: T;
  /** The tab whose panel is on screen (catches up with `tab` once its panel has rendered). */
  shown: T;
  visited: ReadonlySet<T>;
  select: (value: string | null) => void;
}

export function useKeptTabs<T extends string>(id: string, tabs: readonly T[], first: T): KeptTabs<T> {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') ?? '';
  const fromUrl = (tabs as readonly string[]).includes(raw) ? (raw as T) : first;
  const [tab, setTab] = useState<T>(fromUrl);
  // Back/forward and links that change ?tab= while the page stays.
  useEffect(() => setTab(fromUrl), [fromUrl]);
  const shown = useDeferredValue(tab);
  const [visited, setVisited] = useState<ReadonlySet<T>>(() => new Set([fromUrl]));
  if (!visited.has(shown)) setVisited(new Set([...visited, shown]));
  const select = (value: string | null) => {
    if (!value || !(tabs as readonly string[]).includes(value) || value === tab) return;
    setTab(value as T);
    setParams(value === first ? {} : { tab: value }, { replace: true });
  };
  return { id, tab, shown, visited, select };
}

/** One panel: rendered the first time its tab is shown, then kept (hidden) while another tab is on screen. */
export function KeptPanel<T extends string>({ value, tabs, children }: { value: T; tabs: KeptTabs<T>; children: ReactNode }) {
  const visible = tabs.shown === value;
  // A hidden panel gets the element it last rendered, so React skips it when the page around it re-renders
  // (switching tabs re-renders the page); its own queries and state still update it.
  const kept = useRef(children);
  if (visible) kept.current = children;
  if (!tabs.visited.has(value) && !visible) return null;
  return (
    <Activity mode={visible ? 'visible' : 'hidden'}>
      <div role="tabpanel" id={`${tabs.id}-panel-${value}`} aria-labelledby={`${tabs.id}-tab-${value}`} data-tab={value} aria-busy={tabs.tab !== tabs.shown && visible ? true : undefined}>
        {kept.current}
      </div>
    </Activity>
  );
}
