import { useMemo, useState, type ReactNode } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { HostApi } from '../../../shared/contract/host-api';
import type { PointBuffers } from '../../../shared/domain/explore/point-buffers';
import type { SyncedMapDoc } from '../../../shared/domain/session/view-sync';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { readAuthor, saveAuthor } from '../annotations/author';
import { useAnnotations } from '../annotations/use-annotations';
import { BookmarksPanel } from '../bookmarks/BookmarksPanel';
import { DecisionPrompt } from '../decision-log/DecisionPrompt';
import { LogTimeline } from '../decision-log/LogTimeline';
import { useDecisionPrompt } from '../decision-log/use-decision-prompt';
import type { ExploreView } from '../explore/use-explore';
import { openPresenterWindow, toScene, usePresenterHub } from './presenter-link';

/** What the workbench window needs from the in-room session features. */
export interface SessionRoom {
  /** Annotation layers (and the sketch being drawn), to draw above the analysis layers. */
  layers: unknown[];
  /** True when a map pick belongs to the active annotation tool (App then skips its own pick). */
  onMapClick(info: PickingInfo): boolean;
  /** Side-panel sections (annotations, bookmarks, presenting and the log) and the "why" prompt. */
  panel: ReactNode;
}

/**
 * The "in one room" features wired together for the workbench window: annotations, bookmarks,
 * the decision prompt and log timeline, and the presenter window's hub. `points` and `analysis`
 * are what the workbench map draws (the presenter shows the same).
 */
export function useSessionRoom(props: { store: Store; host: HostApi; state: AppState; points: PointBuffers | null; analysis: ExploreView['layer'] }): SessionRoom {
  const { store, host, state, points, analysis } = props;
  const [author, setAuthor] = useState(readAuthor);
  const annotations = useAnnotations(store, state.doc, author);
  const prompt = useDecisionPrompt(store);
  const [timelineOpen, setTimelineOpen] = useState(false);

  const { visibleGroups, pointRadius, layer, filter } = state.doc;
  const syncedDoc = useMemo<SyncedMapDoc>(() => ({ visibleGroups: [...visibleGroups], pointRadius, layer, filter }), [visibleGroups, pointRadius, layer, filter]);
  const counts = state.dataset?.countsByGroup;
  const scene = useMemo(() => (state.basemap ? toScene(state.basemap, points, analysis, counts ?? []) : null), [state.basemap, points, analysis, counts]);
  const followers = usePresenterHub({ doc: syncedDoc, annotations: annotations.annotations, scene });
  const title = state.project.fileName?.replace(/\.spiproj$/i, '') ?? state.project.title;

  const panel = (
    <>
      <AnnotationsPanel model={annotations} author={author} onAuthor={(n) => setAuthor(saveAuthor(n))} store={store} host={host} title={title} />
      <BookmarksPanel store={store} doc={state.doc} author={author} />
      <section className="panel room-section" aria-label="Presenting and the log">
        <h3>Briefing</h3>
        <div className="room-tools">
          <button type="button" onClick={openPresenterWindow} title="A second window for the projector: it follows this map, with large type and no controls">
            Presenter window
          </button>
          <button type="button" onClick={() => setTimelineOpen(true)} title="What was done, when, by whom and why; export as a methods appendix">
            Project log…
          </button>
        </div>
        {followers > 0 && <p className="note" role="status">Presenter window open: it follows this map.</p>}
      </section>
      {prompt.entry && <DecisionPrompt entry={prompt.entry} store={store} author={author} onDone={prompt.dismiss} />}
      {timelineOpen && <LogTimeline log={state.project.log} title={title} store={store} host={host} author={author} onClose={() => setTimelineOpen(false)} />}
    </>
  );
  return { layers: annotations.layers, onMapClick: annotations.onMapClick, panel };
}
