import { fieldChoices, otherDatasetChoices, type OtherDatasetChoice } from './design-extras';
import type { DesignController, DesignSettings } from './use-design-workbench';

const toggle = (list: readonly string[], key: string, on: boolean) => (on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key));

/**
 * One other dataset's choices: its pre-period total (`total@ID`), its monthly history
 * (`history:month@ID`) and the pre-period count of each of its offense groups
 * (`counts:GROUP@ID`). A dataset without dates cannot be counted over the pre period: its
 * choices are shown disabled with the reason.
 */
function DatasetCovariates({ d, s, set }: { d: OtherDatasetChoice; s: DesignSettings; set: (p: Partial<DesignSettings>) => void }) {
  const off = !d.dated;
  return (
    <div className="other-dataset" data-testid={`cov-other-${d.id}`}>
      <span className="other-dataset-name">
        {d.label}
        {off ? ' (no date column: cannot be counted by period)' : ''}
      </span>
      <label>
        <input type="checkbox" data-testid={`cov-dataset-${d.id}`} disabled={off} checked={s.otherDatasets.includes(d.id)} onChange={(e) => set({ otherDatasets: toggle(s.otherDatasets, d.id, e.target.checked) })} /> pre-period total
      </label>
      <label>
        <input type="checkbox" data-testid={`cov-history-${d.id}`} disabled={off} checked={s.otherHistory.includes(d.id)} onChange={(e) => set({ otherHistory: toggle(s.otherHistory, d.id, e.target.checked) })} /> monthly history (one column a month)
      </label>
      {d.groups.length > 0 && (
        <div className="other-groups">
          <span className="muted">Pre-period count of:</span>
          {d.groups.map((g) => {
            const key = `${g}@${d.id}`;
            return (
              <label key={key}>
                <input type="checkbox" data-testid={`cov-group-${key}`} disabled={off} checked={s.otherGroups.includes(key)} onChange={(e) => set({ otherGroups: toggle(s.otherGroups, key, e.target.checked) })} /> {g}
              </label>
            );
          })}
        </div>
      )}
    </div>
  );
}

/**
 * Covariates beyond the incidents' own counts: for each other dataset of the project (calls for
 * service, arrests) its pre-period total, monthly history and offense-group counts, counted into
 * the same units (the CLI's `total@ID`, `history:month@ID`, `counts:GROUP@ID`), and each numeric
 * field of a polygon layer (`field:LAYER.FIELD`: the unit's own value on polygon units, else the
 * value of the polygon around the unit's centre), with the choice to drop units that have no
 * value. Nothing is shown when the project has neither.
 */
export function ExtraCovariates({ c }: { c: DesignController }) {
  const { settings: s, data } = c;
  const datasets = data ? otherDatasetChoices(c.state.project.createdAt, data.dataset) : [];
  const fields = fieldChoices(c.state.project.layers);
  if (datasets.length === 0 && fields.length === 0) return null;
  return (
    <fieldset className="covariates extra-covariates" data-testid="extra-covariates">
      <legend>Covariates from other data</legend>
      {datasets.map((d) => (
        <DatasetCovariates key={d.id} d={d} s={s} set={(p) => c.setSettings(p)} />
      ))}
      {fields.map((f) => (
        <label key={f.key}>
          <input type="checkbox" data-testid={`cov-field-${f.key}`} checked={s.fields.includes(f.key)} onChange={(e) => c.setSettings({ fields: toggle(s.fields, f.key, e.target.checked) })} /> {f.label}
        </label>
      ))}
      {fields.length > 0 && (
        <label>
          <input type="checkbox" data-testid="cov-drop-missing" checked={s.dropMissing} onChange={(e) => c.setSettings({ dropMissing: e.target.checked })} /> Drop units without a field value (else matching stops and says how many)
        </label>
      )}
    </fieldset>
  );
}
