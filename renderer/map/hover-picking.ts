import type * as maplibregl from 'maplibre-gl';
import type { MapLibreOverlay } from '@deck.gl/maplibre';

/**
 * deck.gl internals this module touches (deck.gl 9.x: `Deck#_onPointerMove`, `Deck#eventManager`,
 * `MapLibreOverlay#_deck` and `#_handleMouseEvent`). {@link stopHoverPicking} checks each one
 * and leaves the map as it is when one is missing.
 */
interface DeckInternals {
  eventManager?: { off(event: string, handler: (e: unknown) => void): void } | null;
  _onPointerMove?: (e: unknown) => void;
}

/**
 * Stops deck.gl from picking on mouse moves. deck.gl answers every mouse move over the map with a
 * picking pass, which draws every pickable layer again (60,000 incident points included) only to
 * learn whether the cursor is over something. Nothing here uses hover (no tooltips, no hover
 * highlight; the cursor only said "pointer"), and on a workstation drawing WebGL in software
 * (virtual desktops without a GPU, our CI's SwiftShader) one such pass takes 0.8-2.3 s: every
 * mouse move over the map stalled the app that long. Clicks still pick (one pass at the press),
 * so selecting a point or a target works as before.
 *
 * Returns whether hover picking is now off (false: deck.gl changed its internals; the map still
 * works, only with hover picking on).
 */
export function stopHoverPicking(overlay: MapLibreOverlay, map: maplibregl.Map): boolean {
  const o = overlay as unknown as { _deck?: DeckInternals; _handleMouseEvent?: (e: unknown) => void };
  const deck = o._deck;
  const onMove = deck?._onPointerMove;
  if (!deck?.eventManager || typeof onMove !== 'function' || typeof o._handleMouseEvent !== 'function') return false;
  // deck.gl listens twice: its own event manager on the map canvas, and the overlay's maplibre
  // listeners that forward mouse moves to the same handler.
  deck.eventManager.off('pointermove', onMove);
  deck.eventManager.off('pointerleave', onMove);
  map.off('mousemove', o._handleMouseEvent as never);
  map.off('mouseout', o._handleMouseEvent as never);
  return true;
}
