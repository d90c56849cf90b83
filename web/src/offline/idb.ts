// A very small promise wrapper over one IndexedDB object store (no library): get all, put, delete. When
// IndexedDB is unavailable (some private modes, very old browsers) it falls back to memory, and says so.

export interface KeyValueStore<T extends { id: string }> {
  /** false when the data only lives in memory (lost on reload). */
  readonly persistent: boolean;
  all(): Promise<T[]>;
  put(value: T): Promise<void>;
  delete(id: string): Promise<void>;
}

function promisify<R>(req: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

class IdbStore<T extends { id: string }> implements KeyValueStore<T> {
  readonly persistent = true;
  private db: Promise<IDBDatabase>;

  constructor(dbName: string, private readonly store: string) {
    this.db = new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
  }

  async all(): Promise<T[]> {
    const db = await this.db;
    return promisify(db.transaction(this.store, 'readonly').objectStore(this.store).getAll() as IDBRequest<T[]>);
  }

  async put(value: T): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(this.store, 'readwrite');
    tx.objectStore(this.store).put(value);
    await done(tx);
  }

  async delete(id: string): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(this.store, 'readwrite');
    tx.objectStore(this.store).delete(id);
    await done(tx);
  }
}

class MemoryStore<T extends { id: string }> implements KeyValueStore<T> {
  readonly persistent = false;
  private map = new Map<string, T>();
  async all() {
    return [...this.map.values()];
  }
  async put(value: T) {
    this.map.set(value.id, value);
  }
  async delete(id: string) {
    this.map.delete(id);
  }
}

export function memoryStore<T extends { id: string }>(): KeyValueStore<T> {
  return new MemoryStore<T>();
}

export function openStore<T extends { id: string }>(dbName: string, store: string): KeyValueStore<T> {
  try {
    if (typeof indexedDB !== 'undefined') return new IdbStore<T>(dbName, store);
  } catch {
    // fall through to memory
  }
  return new MemoryStore<T>();
}
