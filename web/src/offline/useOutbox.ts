// React bindings of the outbox: its state, the session it sends for, and object URLs of photos still waiting.
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useSession } from '../app/session.js';
import { outbox, type OutboxItem, type OutboxSnapshot, type PhotoItem, type SessionRef } from './outbox.js';

export function useOutboxSnapshot(): OutboxSnapshot {
  return useSyncExternalStore(outbox.subscribe, outbox.getSnapshot, outbox.getSnapshot);
}

/** The current session as the outbox knows it; telling the outbox starts sending this person's changes. */
export function useOutboxSession(): SessionRef {
  const { me, organization } = useSession();
  const ref = useMemo(() => ({ userId: me.user.id, organizationId: organization.id }), [me.user.id, organization.id]);
  useEffect(() => outbox.setSession(ref), [ref]);
  return ref;
}

export type SyncState = 'saved' | 'saving' | 'offline' | 'login';

export interface SyncStatus {
  state: SyncState;
  /** Changes of this session (of one visit, when asked) kept on the device. */
  pending: number;
  persistent: boolean;
}

/** "Saved", "Saving…", "Offline — N changes kept on this device" for the status pill. */
export function useSyncStatus(visitId?: string, typing = 0): SyncStatus {
  const snap = useOutboxSnapshot();
  const session = useOutboxSession();
  const pending = snap.items.filter((i) => outbox.mine(i, session) && (!visitId || i.visitId === visitId)).length;
  let state: SyncState = 'saved';
  if (!snap.online || snap.unreachable) state = 'offline';
  else if (snap.needsLogin && pending > 0) state = 'login';
  else if (pending > 0 || typing > 0 || snap.sending) state = 'saving';
  return { state, pending: pending + typing, persistent: snap.persistent };
}

/** The items of one visit still on the device, for this session. */
export function usePendingItems(visitId: string): OutboxItem[] {
  const snap = useOutboxSnapshot();
  const session = useOutboxSession();
  return useMemo(() => snap.items.filter((i) => i.visitId === visitId && outbox.mine(i, session)), [snap.items, visitId, session]);
}

/** Object URLs for photos still waiting to be sent, revoked when they are gone. */
export function usePhotoUrls(items: readonly PhotoItem[]): Map<string, string> {
  const cache = useRef(new Map<string, string>());
  const urls = useMemo(() => {
    const next = new Map<string, string>();
    for (const i of items) next.set(i.id, cache.current.get(i.id) ?? URL.createObjectURL(i.blob));
    for (const [id, url] of cache.current) if (!next.has(id)) URL.revokeObjectURL(url);
    cache.current = next;
    return next;
  }, [items]);
  return urls;
}
