import { useSyncExternalStore } from 'react';
import { INITIAL_STATE, reduce, type AppAction, type AppState } from './app-state';

/** The one store: holds the state, applies actions with `reduce`, notifies subscribers. */
export interface Store {
  getState(): AppState;
  dispatch(action: AppAction): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a store starting from `initial`. */
export function createStore(initial: AppState = INITIAL_STATE): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** React binding: re-renders when the selected slice changes identity. */
export function useStore<T>(store: Store, select: (s: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
