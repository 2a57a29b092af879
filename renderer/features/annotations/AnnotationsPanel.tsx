import { useEffect, useState } from 'react';
import type { HostApi } from '../../../shared/contract/host-api';
import { formatAppError } from '../../../shared/base/errors';
import { annotationBounds, toAnnotationsGeoJson, type Annotation } from '../../../shared/domain/session/annotations';
import { formatLogTime } from '../../../shared/domain/session/methods-appendix';
import { fitMapBounds } from '../../map/MapView';
import type { Store } from '../../state/store';
import type { AnnotationsModel } from './use-annotations';
import './annotations.css';

const KIND_LABEL: Record<Annotation['kind'], string> = { pin: 'Pin', sketch: 'Sketch', note: 'Note' };

function AnnotationItem({ a, model }: { a: Annotation; model: AnnotationsModel }) {
  const [text, setText] = useState(a.text);
  useEffect(() => setText(a.text), [a.text]);
  const save = () => {
    if (text !== a.text) model.edit(a.id, { text });
  };
  return (
    <li className={`room-item${a.hidden ? ' is-hidden' : ''}${model.selectedId === a.id ? ' is-selected' : ''}`} data-testid="annotation-item">
      <button
        type="button"
        className="link room-item-kind"
        title="Zoom to it on the map"
        onClick={() => {
          model.select(a.id);
          fitMapBounds(annotationBounds(a));
        }}
      >
        {KIND_LABEL[a.kind]}
      </button>
      <input
        aria-label={`Text of ${KIND_LABEL[a.kind].toLowerCase()}`}
        value={text}
        placeholder="(no text)"
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
      />
      <span className="room-item-meta">
        {a.author} · {formatLogTime(a.at)}
      </span>
      <span className="room-item-actions">
        <button type="button" className="link" onClick={() => model.edit(a.id, { hidden: !a.hidden })}>
          {a.hidden ? 'Show' : 'Hide'}
        </button>
        <button type="button" className="link" aria-label={`Delete ${KIND_LABEL[a.kind].toLowerCase()}`} onClick={() => model.remove(a.id)}>
          Delete
        </button>
      </span>
    </li>
  );
}

/**
 * Annotations: the tools (pin, sketch, note), the author name, the list (click to zoom, edit
 * text, hide/show, delete) and the GeoJSON export.
 */
export function AnnotationsPanel(props: { model: AnnotationsModel; author: string; onAuthor: (name: string) => void; store: Store; host: HostApi; title: string }) {
  const { model, author, onAuthor, store, host, title } = props;
  const [editingAuthor, setEditingAuthor] = useState(false);
  const tool = model.tool;
  const toggle = (kind: 'pin' | 'note' | 'sketch') =>
    model.setTool(tool.kind === kind ? { kind: 'none' } : kind === 'sketch' ? { kind, vertices: [] } : { kind });

  const exportGeoJson = async () => {
    const json = JSON.stringify(toAnnotationsGeoJson(model.annotations), null, 1);
    const saved = await host.saveFile({
      suggestedName: `${title.replace(/[^A-Za-z0-9 ._-]+/g, '_')} annotations.geojson`,
      bytes: new TextEncoder().encode(json),
      filters: [{ name: 'GeoJSON', extensions: ['geojson'] }],
    });
    if (!saved.ok) store.dispatch({ type: 'failed', message: formatAppError(saved.error) });
  };

  return (
    <section className="panel room-section" aria-label="Annotations">
      <h3>Annotations</h3>
      <p className="room-author">
        By{' '}
        {editingAuthor ? (
          <input
            aria-label="Your name"
            defaultValue={author}
            autoFocus
            onBlur={(e) => {
              onAuthor(e.target.value);
              setEditingAuthor(false);
            }}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        ) : (
          <button type="button" className="link" title="Change the name written on your annotations" onClick={() => setEditingAuthor(true)}>
            {author}
          </button>
        )}
      </p>
      <div className="room-tools" role="toolbar" aria-label="Annotation tools">
        {(['pin', 'sketch', 'note'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={tool.kind === k} onClick={() => toggle(k)}>
            {k === 'pin' ? 'Add pin' : k === 'sketch' ? 'Sketch' : 'Add note'}
          </button>
        ))}
      </div>
      <input className="room-draft" aria-label="Text for the next annotation" placeholder="Text for the next pin, note or sketch" value={model.draft} onChange={(e) => model.setDraft(e.target.value)} />
      {tool.kind !== 'none' && (
        <p className="room-hint" role="status">
          {tool.kind === 'sketch'
            ? `Click points on the map (${tool.vertices.length} so far). `
            : `Click the map to place the ${tool.kind}. `}
          {tool.kind === 'sketch' && (
            <button type="button" className="link" disabled={tool.vertices.length < 2} onClick={model.finishSketch}>
              Finish sketch
            </button>
          )}{' '}
          <button type="button" className="link" onClick={() => model.setTool({ kind: 'none' })}>
            Cancel
          </button>
        </p>
      )}
      {model.annotations.length > 0 && (
        <>
          <ul className="room-list" aria-label="Annotation list">
            {model.annotations.map((a) => (
              <AnnotationItem key={a.id} a={a} model={model} />
            ))}
          </ul>
          <button type="button" onClick={() => void exportGeoJson()} title="The visible annotations as GeoJSON (lon/lat, WGS 84)">
            Export GeoJSON…
          </button>
        </>
      )}
    </section>
  );
}
