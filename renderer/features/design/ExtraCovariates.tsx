import { fieldChoices, otherDatasetChoices } from './design-extras';
import type { DesignController } from './use-design-workbench';

const toggle = (list: readonly string[], key: string, on: boolean) => (on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key));

/**
 * Covariates beyond the incidents' own counts: the pre-period total of each other dataset of
 * the project (calls for service, arrests: `total@ID`), counted into the same units, and each
 * numeric field of a polygon layer (`field:LAYER.FIELD`: the unit's own value on polygon units,
 * else the value of the polygon around the unit's centre), with the choice to drop units that
 * have no value. Nothing is shown when the project has neither.
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
        <label key={d.id}>
          <input type="checkbox" data-testid={`cov-dataset-${d.id}`} checked={s.otherDatasets.includes(d.id)} onChange={(e) => c.setSettings({ otherDatasets: toggle(s.otherDatasets, d.id, e.target.checked) })} /> {d.label}: pre-period total
        </label>
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
