import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { deleteDesign, listDesigns } from './design-actions';
import { toDraftRings, type DesignController } from './use-design-workbench';

/** The project's saved designs (from this app or `spi design create --save`): open or delete. */
export function SavedDesigns({ c, onOpened }: { c: DesignController; onOpened: () => void }) {
  const designs = listDesigns(c.state.doc.documents);
  const open = (doc: DesignDoc) => {
    c.setTargets(doc.targets.map((t) => ({ id: t.id, name: t.name, rings: toDraftRings(t.polygon), source: `saved design ${doc.name}` })));
    const m = doc.method;
    c.setSettings({
      name: doc.name,
      preFrom: doc.pre.from,
      preTo: doc.pre.to,
      bufferM: doc.targets[0]?.bufferM ?? 0,
      cellSizeM: doc.unit.sizeM,
      ...(m.kind === 'matched'
        ? { method: m.algorithm, ratio: m.ratio, caliper: m.caliper, minDistanceM: m.minDistanceM, seed: m.seed, counts: m.covariates.includes('counts-by-group'), history: m.covariates.includes('monthly-history'), trend: m.covariates.includes('trend') }
        : {}),
    });
    c.setCurrent(doc);
    onOpened();
  };
  return (
    <section className="panel design-section">
      <h3>Saved designs</h3>
      {designs.length === 0 && <p className="note">None yet. Designs saved here or with “spi design create --save” are listed.</p>}
      <ul className="saved-list" data-testid="saved-designs">
        {designs.map((d) => (
          <li key={d.name}>
            <strong>{d.name}</strong>{' '}
            {d.doc ? (
              <span className="muted">
                {d.doc.method.kind === 'matched' ? `matched (${d.doc.method.algorithm})` : `randomized (${d.doc.method.algorithm}, seed ${d.doc.method.seed})`}, {d.doc.targets.length} targets, {d.doc.comparisons.length} comparisons, pre {d.doc.pre.from}..{d.doc.pre.to}
              </span>
            ) : (
              <span className="error">cannot be read: {d.problem}</span>
            )}
            <div>
              {d.doc && <button type="button" className="link" onClick={() => open(d.doc!)}>Open</button>}{' '}
              <button type="button" className="link danger" disabled={c.state.project.readOnly} onClick={() => deleteDesign(c.store, d.name)}>Delete</button>
            </div>
          </li>
        ))}
      </ul>
      <p className="note">Deleting is logged and can be undone (Ctrl+Z).</p>
    </section>
  );
}
