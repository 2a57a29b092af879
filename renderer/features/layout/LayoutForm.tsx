import type { ReactNode } from 'react';
import { arrangeLayout } from '../../../shared/domain/outputs/layout/defaults';
import { PAGE_SIZES, type Layout } from '../../../shared/domain/outputs/layout/layout-schema';
import type { LegendEntry } from '../../../shared/domain/outputs/layout/legend';
import type { ProjectLayer } from '../../../shared/domain/project/project';

type ElementKey = 'title' | 'subtitle' | 'dateRange' | 'legend' | 'scaleBar' | 'northArrow' | 'inset' | 'logo' | 'author' | 'sourceNote' | 'banner' | 'privacy';

const ELEMENTS: readonly [ElementKey, string][] = [
  ['banner', 'Handling banner'],
  ['title', 'Title'],
  ['subtitle', 'Subtitle'],
  ['dateRange', 'Date range'],
  ['legend', 'Legend'],
  ['scaleBar', 'Scale bar'],
  ['northArrow', 'North arrow'],
  ['inset', 'Overview map'],
  ['logo', 'Logo'],
  ['author', 'Author and date'],
  ['sourceNote', 'Source note'],
];

export interface LayoutFormProps {
  layout: Layout;
  onChange: (layout: Layout) => void;
  layers: readonly ProjectLayer[];
  designs: readonly string[];
  legend: readonly LegendEntry[];
  onPickLogo: () => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="layout-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

function TextField({ label, value, onChange, placeholder, multiline }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; multiline?: boolean }) {
  return (
    <label className="layout-field">
      <span>{label}</span>
      {multiline ? <textarea value={value} placeholder={placeholder} rows={2} onChange={(e) => onChange(e.target.value)} /> : <input type="text" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />}
    </label>
  );
}

/** The layout view's settings: page, texts, element toggles, map layers, legend labels, logo. */
export function LayoutForm({ layout: l, onChange, layers, designs, legend, onPickLogo }: LayoutFormProps) {
  const set = (patch: Partial<Layout>) => onChange({ ...l, ...patch });
  const page = (patch: Partial<Layout['page']>) => onChange(arrangeLayout({ ...l, page: { ...l.page, ...patch } }));
  const map = (patch: Partial<Layout['map']>) => set({ map: { ...l.map, ...patch } });
  const toggle = (k: ElementKey, visible: boolean) => set({ [k]: { ...l[k], visible } } as Partial<Layout>);
  return (
    <div className="layout-form">
      <Section title="Page">
        <div className="layout-row">
          <select aria-label="Page size" value={l.page.size} onChange={(e) => page({ size: e.target.value as Layout['page']['size'] })}>
            {Object.keys(PAGE_SIZES).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <select aria-label="Orientation" value={l.page.orientation} onChange={(e) => page({ orientation: e.target.value as 'portrait' | 'landscape' })}>
            <option value="landscape">Landscape</option>
            <option value="portrait">Portrait</option>
          </select>
          <label className="layout-inline">
            Margin <input type="number" min={0} max={50} step={1} value={l.page.margin} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && page({ margin: Math.min(50, Math.max(0, e.target.valueAsNumber)) })} /> mm
          </label>
        </div>
      </Section>
      <Section title="Texts">
        <TextField label="Title" value={l.title.text} onChange={(text) => set({ title: { ...l.title, text } })} />
        <TextField label="Subtitle" value={l.subtitle.text} onChange={(text) => set({ subtitle: { ...l.subtitle, text } })} />
        <TextField label="Date range" value={l.dateRange.text} placeholder="Automatic: the period of the mapped incidents" onChange={(text) => set({ dateRange: { ...l.dateRange, text } })} />
        <TextField label="Banner" value={l.banner.text} onChange={(text) => set({ banner: { ...l.banner, text } })} />
        <TextField label="Author" value={l.author.name} onChange={(name) => set({ author: { ...l.author, name } })} />
        <TextField label="Agency" value={l.author.agency} onChange={(agency) => set({ author: { ...l.author, agency } })} />
        <TextField label="Date" value={l.author.date} placeholder="Automatic: the day of the export" onChange={(date) => set({ author: { ...l.author, date } })} />
        <TextField label="Source note" multiline value={l.sourceNote.text} onChange={(text) => set({ sourceNote: { ...l.sourceNote, text } })} />
        {l.textBoxes.map((t, i) => (
          <div key={i} className="layout-row">
            <TextField label={`Text box ${i + 1}`} multiline value={t.text} onChange={(text) => set({ textBoxes: l.textBoxes.map((x, k) => (k === i ? { ...x, text } : x)) })} />
            <button type="button" className="link" onClick={() => onChange(arrangeLayout({ ...l, textBoxes: l.textBoxes.filter((_, k) => k !== i) }))}>
              Remove
            </button>
          </div>
        ))}
        {l.textBoxes.length < 3 && (
          <button type="button" className="link" onClick={() => onChange(arrangeLayout({ ...l, textBoxes: [...l.textBoxes, { visible: true, box: { x: 0, y: 0, w: 0, h: 0 }, text: '', size: 8 }] }))}>
            Add a text box
          </button>
        )}
      </Section>
      <Section title="Show">
        <div className="layout-checks">
          {ELEMENTS.map(([k, label]) => (
            <label key={k}>
              <input type="checkbox" checked={l[k].visible} onChange={(e) => toggle(k, e.target.checked)} /> {label}
            </label>
          ))}
        </div>
        <div className="layout-row">
          <button type="button" onClick={onPickLogo}>
            {l.logo.image ? 'Change logo…' : 'Choose logo…'}
          </button>
          {l.logo.image && (
            <>
              <span className="note">{l.logo.image.fileName}</span>
              <button type="button" className="link" onClick={() => set({ logo: { ...l.logo, image: null } })}>
                Remove
              </button>
            </>
          )}
        </div>
        <label className="layout-inline">
          Scale bar{' '}
          <select aria-label="Scale bar units" value={l.scaleBar.units} onChange={(e) => set({ scaleBar: { ...l.scaleBar, units: e.target.value as 'imperial' | 'metric' } })}>
            <option value="imperial">feet / miles</option>
            <option value="metric">metres / km</option>
          </select>
        </label>
      </Section>
      <Section title="Map layers">
        <div className="layout-checks">
          <label>
            <input type="checkbox" checked={l.map.incidents} onChange={(e) => map({ incidents: e.target.checked })} /> Incidents by offense group
          </label>
          <label>
            <input type="checkbox" checked={l.map.analysisLayer} onChange={(e) => map({ analysisLayer: e.target.checked })} /> The map's grid / density / hot-spot layer
          </label>
          <label>
            <input type="checkbox" checked={l.map.annotations} onChange={(e) => map({ annotations: e.target.checked })} /> Annotations
          </label>
          <label>
            <input type="checkbox" checked={l.map.labels} onChange={(e) => map({ labels: e.target.checked })} /> Beat labels
          </label>
          {layers.map((ly) => (
            <label key={ly.meta.id}>
              <input
                type="checkbox"
                checked={l.map.referenceLayers.includes(ly.meta.id)}
                onChange={(e) => map({ referenceLayers: e.target.checked ? [...l.map.referenceLayers, ly.meta.id] : l.map.referenceLayers.filter((x) => x !== ly.meta.id) })}
              />{' '}
              {ly.meta.name}
            </label>
          ))}
        </div>
        {designs.length > 0 && (
          <label className="layout-inline">
            Design{' '}
            <select aria-label="Design" value={l.map.design ?? ''} onChange={(e) => map({ design: e.target.value || null })}>
              <option value="">none</option>
              {designs.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
        )}
        <label className="layout-inline">
          Point size <input type="number" min={0.2} max={5} step={0.1} value={l.map.pointSize} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && map({ pointSize: Math.min(5, Math.max(0.2, e.target.valueAsNumber)) })} /> mm
        </label>
      </Section>
      <Section title="Legend">
        <TextField label="Legend title" value={l.legend.title} onChange={(title) => set({ legend: { ...l.legend, title } })} />
        {legend.map((e) => (
          <label key={e.id} className="layout-field">
            <span>{e.symbol.kind === 'header' ? 'Heading' : 'Entry'}</span>
            <input type="text" aria-label={`Legend label ${e.id}`} value={l.legend.labels[e.id] ?? e.label} onChange={(ev) => set({ legend: { ...l.legend, labels: { ...l.legend.labels, [e.id]: ev.target.value } } })} />
          </label>
        ))}
      </Section>
    </div>
  );
}
