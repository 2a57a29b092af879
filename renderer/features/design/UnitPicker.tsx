import { unitLayers } from './design-extras';
import type { DesignController } from './use-design-workbench';

const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback);

/**
 * The design's unit (shared/domain/design/unit-spec.ts): grid cells of a size, hexagons of a
 * width across flats (the same hexes as the analysis verbs' hex:M; the size field is shared with
 * grid cells), the street
 * segments of a line layer (with the snapping tolerance), the polygons of a layer (beats,
 * districts), or equal-area circles of a radius around candidate hot spots. Layer kinds the
 * project lacks are offered disabled with the reason.
 */
export function UnitPicker({ c }: { c: DesignController }) {
  const { settings: s } = c;
  const layers = c.state.project.layers;
  const lines = unitLayers(layers, 'segments');
  const polygons = unitLayers(layers, 'polygons');
  const list = s.unitKind === 'segments' ? lines : polygons;
  const layerValue = list.some((l) => l.meta.id === s.unitLayer) ? s.unitLayer : ((s.unitKind === 'segments' ? lines.find((l) => l.meta.role === 'streets') : undefined) ?? list[0])?.meta.id ?? '';
  return (
    <>
      <label className="field">
        Unit
        <select data-testid="unit-kind" value={s.unitKind} onChange={(e) => c.setSettings({ unitKind: e.target.value as typeof s.unitKind })}>
          <option value="grid">Grid cells</option>
          <option value="hex">Hexagons</option>
          <option value="segments" disabled={lines.length === 0}>Street segments{lines.length ? '' : ' (no street layer)'}</option>
          <option value="polygons" disabled={polygons.length === 0}>Polygons of a layer{polygons.length ? '' : ' (no polygon layer)'}</option>
          <option value="circles">Circles around hot spots</option>
        </select>
      </label>
      {(s.unitKind === 'grid' || s.unitKind === 'hex') && (
        <label className="field">
          {s.unitKind === 'hex' ? 'Hex size (across flats), m' : 'Cell size, m'}
          <input type="number" data-testid="cell-size" min={50} max={2000} step={10} value={s.cellSizeM} onChange={(e) => c.setSettings({ cellSizeM: num(e.target.value, s.cellSizeM) })} />
        </label>
      )}
      {(s.unitKind === 'segments' || s.unitKind === 'polygons') && (
        <label className="field">
          {s.unitKind === 'segments' ? 'Street layer' : 'Polygon layer'}
          <select data-testid="unit-layer" value={layerValue} onChange={(e) => c.setSettings({ unitLayer: e.target.value })}>
            {list.map((l) => (
              <option key={l.meta.id} value={l.meta.id}>
                {l.meta.name} ({l.meta.features.toLocaleString('en-US')})
              </option>
            ))}
          </select>
        </label>
      )}
      {s.unitKind === 'segments' && (
        <label className="field">
          Snap incidents within, m
          <input type="number" data-testid="unit-snap" min={1} max={500} step={5} value={s.snapM} onChange={(e) => c.setSettings({ snapM: Math.max(1, num(e.target.value, s.snapM)) })} />
        </label>
      )}
      {s.unitKind === 'circles' && (
        <label className="field">
          Circle radius, m
          <input type="number" data-testid="unit-radius" min={25} max={2000} step={25} value={s.circleRadiusM} onChange={(e) => c.setSettings({ circleRadiusM: Math.max(1, num(e.target.value, s.circleRadiusM)) })} />
        </label>
      )}
    </>
  );
}
