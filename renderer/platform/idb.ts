/**
 * A tiny promise wrapper over one IndexedDB object store (key -> structured-clone value), the
 * browser host's stand-in for the desktop app's data folder. Stays on this machine.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

/** Opens (creating if needed) database `dbName` with a single store `store`. */
export function openKeyValueStore(dbName: string, store = 'kv'): KeyValueStore {
  const dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${dbName}: cannot open`));
  });
  const run = <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) =>
    dbPromise.then(
      (db) =>
        new Promise<T>((resolve, reject) => {
          const request = op(db.transaction(store, mode).objectStore(store));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${dbName}: request failed`));
        }),
    );
  return {
    get: <T,>(key: string) => run('readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    put: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
  };
}
