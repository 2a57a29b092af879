import { useCallback, useEffect, useMemo, useState } from 'react';
import { BOOKMARKS_DOC, createBookmark, parseBookmarks, restoreBookmark, stepBookmark, type Bookmark } from '../../../shared/domain/session/bookmarks';
import { readMapView, showMapView } from '../../map/MapView';
import type { MapDoc } from '../../state/app-state';
import type { Store } from '../../state/store';
import { authoredEntry } from '../annotations/use-annotations';
import './bookmarks.css';

/** Moves the map to a bookmark and applies its layer, filter and groups (one undo step). */
export function applyBookmark(store: Store, bookmark: Bookmark): void {
  const r = restoreBookmark(bookmark, store.getState().doc.visibleGroups.length);
  store.dispatch({ type: 'apply-map-settings', layer: r.layer, filter: r.filter, visibleGroups: r.visibleGroups });
  showMapView(r.view, true);
}

/**
 * Bookmarks: save the current view with its layer, filter and visible groups under a name, and
 * step through them during a briefing (buttons, or PageDown / PageUp anywhere but a text field).
 */
export function BookmarksPanel({ store, doc, author }: { store: Store; doc: MapDoc; author: string }) {
  const value = doc.documents[BOOKMARKS_DOC];
  const bookmarks = useMemo(() => parseBookmarks(value).bookmarks, [value]);
  const [current, setCurrent] = useState<number | null>(null);
  const [name, setName] = useState('');

  const go = useCallback(
    (index: number | null) => {
      const b = index === null ? undefined : bookmarks[index];
      if (!b) return;
      setCurrent(index);
      applyBookmark(store, b);
    },
    [bookmarks, store],
  );
  const step = useCallback((delta: 1 | -1) => go(stepBookmark(current, delta, bookmarks.length)), [go, current, bookmarks.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
      if (e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
      if (bookmarks.length === 0) return;
      e.preventDefault();
      step(e.key === 'PageDown' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, bookmarks.length]);

  const add = () => {
    const view = readMapView();
    if (!view) return;
    const b = createBookmark(name, { view, visibleGroups: doc.visibleGroups, layer: doc.layer, filter: doc.filter }, author, bookmarks);
    store.dispatch({ type: 'set-document', path: BOOKMARKS_DOC, value: [...bookmarks, b], log: authoredEntry('bookmark.add', { name: b.name, layer: doc.layer.kind }, author) });
    setCurrent(bookmarks.length);
    setName('');
  };
  const remove = (b: Bookmark) => {
    const next = bookmarks.filter((x) => x.id !== b.id);
    store.dispatch({ type: 'set-document', path: BOOKMARKS_DOC, value: next.length ? next : undefined, log: authoredEntry('bookmark.delete', { name: b.name }, author) });
    setCurrent(null);
  };

  return (
    <section className="panel room-section" aria-label="Bookmarks">
      <h3>Bookmarks</h3>
      <form
        className="bookmark-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input aria-label="Bookmark name" placeholder="Name of this view" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">Save view</button>
      </form>
      {bookmarks.length > 0 && (
        <>
          <ol className="bookmark-list" aria-label="Bookmark list">
            {bookmarks.map((b, i) => (
              <li key={b.id} className={i === current ? 'is-current' : ''} aria-current={i === current ? 'step' : undefined}>
                <button type="button" className="link" onClick={() => go(i)} title={`${b.view.zoom.toFixed(1)} zoom, ${restoreBookmark(b, 0).layer.kind} layer`}>
                  {b.name}
                </button>
                <button type="button" className="link bookmark-delete" aria-label={`Delete bookmark ${b.name}`} onClick={() => remove(b)}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          <div className="bookmark-step">
            <button type="button" onClick={() => step(-1)} title="Previous view (PageUp)">
              ◀ Previous
            </button>
            <span data-testid="bookmark-position">
              {current === null ? '–' : current + 1} / {bookmarks.length}
            </span>
            <button type="button" onClick={() => step(1)} title="Next view (PageDown)">
              Next ▶
            </button>
          </div>
        </>
      )}
    </section>
  );
}
