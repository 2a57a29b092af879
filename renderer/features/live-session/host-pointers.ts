import * as maplibregl from 'maplibre-gl';

/** Guests' pointers on the host's map, one labelled marker per guest, by guest id. */
const markers = new Map<string, { marker: maplibregl.Marker; map: maplibregl.Map }>();

/** The workbench map (MapView keeps the live instance on `window.__spiMap`). */
function workbenchMap(): maplibregl.Map | null {
  return (window as unknown as { __spiMap?: maplibregl.Map }).__spiMap ?? null;
}

/**
 * Shows (or moves) guest `id`'s pointer at lon/lat `at`, labelled with the guest's name; `at`
 * null removes it. Markers are DOM elements over the map, so they cost nothing in deck.gl.
 */
export function showHostPointer(id: string, name: string, at: [number, number] | null): void {
  const map = workbenchMap();
  const old = markers.get(id);
  if (!at || !map) {
    old?.marker.remove();
    markers.delete(id);
    return;
  }
  if (old && old.map === map) {
    old.marker.setLngLat(at);
    return;
  }
  old?.marker.remove();
  const el = document.createElement('div');
  el.className = 'live-pointer';
  el.dataset.testid = 'live-pointer';
  el.textContent = name;
  markers.set(id, { marker: new maplibregl.Marker({ element: el, anchor: 'top-left' }).setLngLat(at).addTo(map), map });
}
