// The visit form's outbox: every change made on the factory floor (an answer, a photo, a finding, an observed
// capacity) is first written to IndexedDB on the device, then sent. Nothing is lost when the connection drops:
// queued items stay on the device (a reload included) and are sent, oldest first, when the browser is back
// online (the `online` event), when the tab becomes visible, and periodically with a backoff.
//
// Sending twice is harmless: every item carries a client-generated id (answers also the time they were typed),
// and the API treats a replay as the same record (a duplicate answer, the same attachment, finding or
// observation). An item leaves the device only after the server confirmed it (2xx), so a response lost on a
// flaky connection means one more (idempotent) replay, never a lost change. A change the server refuses for
// good (the visit was closed meanwhile: 409; a validation error: 400; no longer allowed: 403/404) is dropped
// and reported to the user, instead of blocking the queue forever.
import type { z } from 'zod';
import type { AnswerInput, CapacityObservationInput, FindingInput } from '../../../src/contracts/visits.js';
import { ApiError, request } from '../api/client.js';
import { fetchMe } from '../api/session.js';
import { memoryStore, openStore, type KeyValueStore } from './idb.js';

export type AnswerBody = z.input<typeof AnswerInput>;
export type FindingBody = z.input<typeof FindingInput>;
export type CapacityBody = z.input<typeof CapacityObservationInput>;
export interface PhotoBody {
  clientId: string;
  questionId?: string;
  caption?: string;
  takenAt?: string;
}

interface ItemBase {
  /** The client id of the change (the body's clientId): the queue's key, and what makes a replay harmless. */
  id: string;
  visitId: string;
  /** Whose change it is: replayed only in the same person's session, in the same organization. */
  userId: string;
  organizationId: string;
  /** Order of recording on this device. */
  seq: number;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}
export interface AnswerItem extends ItemBase {
  kind: 'answer';
  questionId: string;
  body: AnswerBody;
}
export interface PhotoItem extends ItemBase {
  kind: 'photo';
  blob: Blob;
  filename: string;
  mediaType: string;
  /** Set once the bytes are uploaded (POST /api/v1/files), so a retry only attaches. */
  fileId: string | null;
  body: PhotoBody;
}
export interface FindingItem extends ItemBase {
  kind: 'finding';
  body: FindingBody;
}
export interface CapacityItem extends ItemBase {
  kind: 'capacity';
  body: CapacityBody;
}
export type OutboxItem = AnswerItem | PhotoItem | FindingItem | CapacityItem;
type Draft<T extends OutboxItem> = Omit<T, 'id' | 'userId' | 'organizationId' | 'seq' | 'createdAt' | 'attempts' | 'lastError'>;
export type NewItem = Draft<AnswerItem> | Draft<PhotoItem> | Draft<FindingItem> | Draft<CapacityItem>;

export interface DroppedChange {
  item: OutboxItem;
  status: number;
  code: string;
  message: string;
  at: string;
}

export interface OutboxSnapshot {
  /** The items waiting on this device (of every session; use `mine` for the current one). */
  items: readonly OutboxItem[];
  /** navigator.onLine */
  online: boolean;
  /** The last attempt failed for a network reason (server unreachable although the browser says online). */
  unreachable: boolean;
  /** An item is being sent right now. */
  sending: boolean;
  /** Logged out (401): the queue waits for the next login. */
  needsLogin: boolean;
  /** Whether the queue survives a reload (IndexedDB available). */
  persistent: boolean;
  /** Loaded from IndexedDB (until then the counts are not known). */
  ready: boolean;
}

export interface SessionRef {
  userId: string;
  organizationId: string;
}

type SentListener = (item: OutboxItem, response: unknown) => void;
type DroppedListener = (d: DroppedChange) => void;

const MIN_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;
const HEARTBEAT_MS = 15_000;
const SESSION_CHECK_MS = 5_000;
const JSON_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 180_000;

const enc = encodeURIComponent;
const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // RFC 4122 v4 from getRandomValues (older Safari)
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function timeout(ms: number): AbortSignal | undefined {
  return typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? AbortSignal.timeout(ms) : undefined;
}

type Verdict = 'retry' | 'drop' | 'login';

function classify(e: unknown): Verdict {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'login';
    if (e.status === 408 || e.status === 429 || e.status >= 500 || e.code === 'csrf_failed') return 'retry';
    return 'drop';
  }
  // TypeError (fetch failed: offline, DNS, connection reset), AbortError / TimeoutError: try again later.
  return 'retry';
}

export class Outbox {
  private store: KeyValueStore<OutboxItem>;
  private items: OutboxItem[] = [];
  private session: SessionRef | null = null;
  private snapshot: OutboxSnapshot;
  private listeners = new Set<() => void>();
  private sentListeners = new Set<SentListener>();
  private droppedListeners = new Set<DroppedListener>();
  private running = false;
  private again = false;
  private inflight: string | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private unreachable = false;
  private verifiedAt = 0;
  private needsLogin = false;
  private seq = 0;
  private loaded: Promise<void>;
  private ready = false;

  constructor(store: KeyValueStore<OutboxItem> = openStore<OutboxItem>('bonafide-outbox', 'items')) {
    this.store = store;
    this.snapshot = this.makeSnapshot();
    this.loaded = this.reload()
      .catch(() => {
        // IndexedDB refused (private mode): keep working in memory, and say so in the status.
        this.store = memoryStore<OutboxItem>();
      })
      .finally(() => {
        this.ready = true;
        this.seq = Math.max(Date.now(), ...this.items.map((i) => i.seq + 1));
        this.emit();
      });
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => {
        this.failures = 0;
        this.unreachable = false;
        this.emit();
        void this.run();
      });
      window.addEventListener('offline', () => this.emit());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void this.run();
      });
    }
  }

  // --- reading ------------------------------------------------------------------------------------------------

  getSnapshot = (): OutboxSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onSent(listener: SentListener): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  onDropped(listener: DroppedListener): () => void {
    this.droppedListeners.add(listener);
    return () => this.droppedListeners.delete(listener);
  }

  /** Resolves once the queue left on the device by an earlier page is loaded. */
  whenReady(): Promise<void> {
    return this.loaded;
  }

  mine(item: OutboxItem, session: SessionRef | null = this.session): boolean {
    return session !== null && item.userId === session.userId && item.organizationId === session.organizationId;
  }

  // --- session ------------------------------------------------------------------------------------------------

  /** Who is logged in and in which organization: only their own changes are sent. Starts sending. */
  setSession(session: SessionRef | null): void {
    const changed = session?.userId !== this.session?.userId || session?.organizationId !== this.session?.organizationId;
    this.session = session;
    if (changed) {
      this.verifiedAt = 0;
      this.needsLogin = false;
      this.emit();
    }
    if (session) void this.run();
  }

  /** After a reload on any page: learn the session from the API if changes are waiting, and send them. */
  async boot(): Promise<void> {
    await this.loaded;
    if (this.session || this.items.length === 0 || !browserOnline()) return;
    try {
      const me = await fetchMe();
      if (me?.currentOrganization && !this.session) this.setSession({ userId: me.user.id, organizationId: me.currentOrganization.id });
    } catch {
      // offline or the server is down: the next page that knows the session starts the queue
    }
  }

  // --- writing ------------------------------------------------------------------------------------------------

  /**
   * Keeps a change on the device (IndexedDB) and then tries to send it. Resolves once it is stored, not sent.
   * A newer answer to the same question replaces one still waiting (the server keeps the latest edit anyway).
   */
  async enqueue(draft: NewItem, session: SessionRef): Promise<OutboxItem> {
    await this.loaded;
    const clientId = draft.body.clientId;
    const item = {
      ...draft,
      id: clientId,
      userId: session.userId,
      organizationId: session.organizationId,
      seq: ++this.seq,
      createdAt: new Date().toISOString(),
      attempts: 0,
      lastError: null,
    } as OutboxItem;
    const superseded =
      item.kind === 'answer'
        ? this.items.filter((i) => i.kind === 'answer' && i.visitId === item.visitId && i.questionId === item.questionId && i.id !== this.inflight && this.mine(i, session))
        : [];
    await this.store.put(item);
    for (const s of superseded) await this.store.delete(s.id);
    const gone = new Set(superseded.map((s) => s.id));
    this.items = [...this.items.filter((i) => !gone.has(i.id) && i.id !== item.id), item];
    if (!this.session) this.session = session;
    this.emit();
    void this.run();
    return item;
  }

  /** Removes a change that has not been sent yet (e.g. a photo taken by mistake). */
  async discard(id: string): Promise<boolean> {
    await this.loaded;
    if (this.inflight === id) return false;
    await this.store.delete(id);
    this.items = this.items.filter((i) => i.id !== id);
    this.emit();
    return true;
  }

  /** Try now (e.g. a "Retry" button). */
  flush(): Promise<void> {
    this.failures = 0;
    return this.run();
  }

  // --- sending ------------------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    await this.loaded;
    if (this.running) {
      this.again = true;
      return;
    }
    if (!this.session || !browserOnline()) {
      this.emit();
      return;
    }
    this.running = true;
    try {
      await this.withLock(() => this.drain());
    } finally {
      this.running = false;
      this.inflight = null;
      this.emit();
      if (this.again) {
        this.again = false;
        void this.run();
      }
    }
  }

  /** One tab sends at a time (Web Locks where available); the others' replays would be harmless anyway. */
  private async withLock(f: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    if (locks?.request) {
      await locks.request('bonafide-outbox', async () => {
        await this.reload().catch(() => undefined); // another tab may have sent some meanwhile
        await f();
      });
    } else await f();
  }

  /**
   * Who the session cookie belongs to right now, from the server (cached for a few seconds): a change is only
   * ever sent as the person, in the organization, that made it — even if someone else logged in on this device
   * (or in another tab) since.
   */
  private async verifiedSession(): Promise<SessionRef | null> {
    if (this.session && Date.now() - this.verifiedAt < SESSION_CHECK_MS) return this.session;
    const me = await fetchMe(); // null when logged out; throws when the server cannot be reached
    this.session = me?.currentOrganization ? { userId: me.user.id, organizationId: me.currentOrganization.id } : null;
    this.verifiedAt = Date.now();
    return this.session;
  }

  private async drain(): Promise<void> {
    if (!this.items.some((i) => this.mine(i))) return;
    try {
      if (!(await this.verifiedSession())) {
        this.needsLogin = true;
        return;
      }
    } catch {
      this.unreachable = true;
      this.scheduleRetry();
      return;
    }
    for (;;) {
      const session = this.session;
      if (!session || !browserOnline()) return;
      // Oldest first; photos after the small JSON changes, so a slow upload does not hold answers back.
      const next = this.items.filter((i) => this.mine(i, session)).sort((a, b) => Number(a.kind === 'photo') - Number(b.kind === 'photo') || a.seq - b.seq)[0];
      if (!next) {
        this.stopHeartbeat();
        return;
      }
      this.inflight = next.id;
      this.emit();
      let response: unknown;
      try {
        response = await this.send(next);
      } catch (e) {
        const verdict = classify(e);
        if (verdict === 'drop') {
          await this.remove(next.id);
          const err = e as ApiError;
          const dropped: DroppedChange = { item: next, status: err.status, code: err.code, message: err.message, at: new Date().toISOString() };
          this.droppedListeners.forEach((l) => {
            try {
              l(dropped);
            } catch {
              // a listener's problem is not the queue's
            }
          });
          continue;
        }
        next.attempts += 1;
        next.lastError = e instanceof Error ? e.message : String(e);
        await this.store.put(next).catch(() => undefined);
        if (verdict === 'login') {
          this.needsLogin = true;
          return;
        }
        this.unreachable = !(e instanceof ApiError);
        this.scheduleRetry();
        return;
      }
      this.failures = 0;
      this.unreachable = false;
      this.needsLogin = false;
      await this.remove(next.id);
      this.sentListeners.forEach((l) => {
        try {
          l(next, response);
        } catch {
          // a listener's problem is not the queue's
        }
      });
    }
  }

  private async send(item: OutboxItem): Promise<unknown> {
    const base = `/api/v1/visits/${enc(item.visitId)}`;
    switch (item.kind) {
      case 'answer':
        return request('PUT', `${base}/answers/${enc(item.questionId)}`, { body: item.body, signal: timeout(JSON_TIMEOUT_MS) });
      case 'finding':
        return request('POST', `${base}/findings`, { body: item.body, signal: timeout(JSON_TIMEOUT_MS) });
      case 'capacity':
        return request('POST', `${base}/capacity-observations`, { body: item.body, signal: timeout(JSON_TIMEOUT_MS) });
      case 'photo': {
        if (!item.fileId) {
          const form = new FormData();
          form.append('file', new File([item.blob], item.filename, { type: item.mediaType }), item.filename);
          // The same bytes give the same file id, so an upload whose answer was lost is harmless to repeat.
          const file = await request<{ id: string }>('POST', '/api/v1/files', { body: form, signal: timeout(UPLOAD_TIMEOUT_MS) });
          item.fileId = file.id;
          await this.store.put(item).catch(() => undefined);
        }
        const body = { ...item.body, fileId: item.fileId };
        return request('POST', `${base}/attachments`, { body, signal: timeout(JSON_TIMEOUT_MS) });
      }
    }
  }

  private async remove(id: string) {
    await this.store.delete(id).catch(() => undefined);
    this.items = this.items.filter((i) => i.id !== id);
    this.emit();
  }

  private async reload() {
    const stored = await this.store.all();
    // Keep the in-memory fields of items this tab is working on (e.g. a fileId not yet persisted).
    const local = new Map(this.items.map((i) => [i.id, i]));
    this.items = stored.map((s) => {
      const l = local.get(s.id);
      return l && l.kind === 'photo' && s.kind === 'photo' && l.fileId && !s.fileId ? { ...s, fileId: l.fileId } : s;
    });
  }

  private scheduleRetry() {
    this.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (this.failures - 1));
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.run();
    }, delay);
    if (!this.heartbeat) this.heartbeat = setInterval(() => void this.run(), HEARTBEAT_MS);
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private makeSnapshot(): OutboxSnapshot {
    return {
      items: this.items,
      online: browserOnline(),
      unreachable: this.unreachable,
      sending: this.inflight !== null,
      needsLogin: this.needsLogin,
      persistent: this.store.persistent,
      ready: this.ready,
    };
  }

  private emit() {
    this.snapshot = this.makeSnapshot();
    this.listeners.forEach((l) => l());
  }
}

/** The one outbox of the app (one IndexedDB queue per browser profile). */
export const outbox = new Outbox();
