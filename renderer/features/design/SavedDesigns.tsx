import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { formatFixed } from './balance-view';
import { deleteDesign, listDesigns, settingsOfDesign } from './design-actions';
import { SyntheticFitView } from './SyntheticFitView';
import { toDraftRings, type DesignController } from './use-design-workbench';

/** One line on a saved design. */
function describeSaved(doc: DesignDoc): string {
  const m = doc.method;
  const what =
    m.kind === 'randomized'
      ? `randomized (${m.algorithm}, seed ${m.seed})`
      : m.algorithm === 'synthetic'
        ? `synthetic control (pre-period fit RMSE ${formatFixed(m.fit?.rmse, 2)})`
        : `matched (${m.algorithm}${m.pairing === 'optimal' ? ', optimal' : ''})`;
  return `${what}, ${doc.targets.length} targets, ${doc.comparisons.length} ${m.kind === 'matched' && m.algorithm === 'synthetic' ? 'weighted cells' : 'comparisons'}, pre ${doc.pre.from}..${doc.pre.to}`;
}

/** The project's saved designs (from this app or `spi design ... --save`): open, inspect or delete. */
export function SavedDesigns({ c, onOpened }: { c: DesignController; onOpened: () => void }) {
  const designs = listDesigns(c.state.doc.documents);
  const open = (doc: DesignDoc) => {
    c.setTargets(doc.targets.map((t) => ({ id: t.id, name: t.name, rings: toDraftRings(t.polygon), source: `saved design ${doc.name}` })));
    c.setSettings(settingsOfDesign(doc));
    c.setCurrent(doc);
    onOpened();
  };
  return (
    <section className="panel design-section">
      <h3>Saved designs</h3>
      {designs.length === 0 && <p className="note">None yet. Designs saved here or with “spi design create --save” / “spi design match --save” are listed.</p>}
      <ul className="saved-list" data-testid="saved-designs">
        {designs.map((d) => (
          <li key={d.name}>
            <strong>{d.name}</strong> {d.doc ? <span className="muted">{describeSaved(d.doc)}</span> : <span className="error">cannot be read: {d.problem}</span>}
            <div>
              {d.doc && <button type="button" className="link" onClick={() => open(d.doc!)}>Open</button>}{' '}
              <button type="button" className="link danger" disabled={c.state.project.readOnly} onClick={() => deleteDesign(c.store, d.name)}>Delete</button>
            </div>
            {d.doc?.method.kind === 'matched' && d.doc.method.algorithm === 'synthetic' && (
              <details className="design-more" data-testid={`saved-synthetic-${d.name}`}>
                <summary>Weights and pre-period fit</summary>
                <SyntheticFitView design={d.doc} />
              </details>
            )}
          </li>
        ))}
      </ul>
      <p className="note">Deleting is logged and can be undone (Ctrl+Z).</p>
    </section>
  );
}
