import type { MapLibreOverlay } from '@deck.gl/maplibre';

/**
 * deck.gl internals this module touches (deck.gl 9.x): `MapLibreOverlay#_deck`,
 * `Deck#_pickAndCallback` (the hover pick deck.gl runs once per frame after a mouse move) and
 * `Deck#_pickRequest`. {@link stopHoverPicking} checks each one and leaves the map as it is when
 * one is missing.
 */
interface DeckInternals {
  _pickAndCallback?: () => void;
  _pickRequest?: { event: unknown };
}

/**
 * Stops deck.gl from picking on mouse moves. deck.gl answers a mouse move over the map with a
 * picking pass on its next frame, which draws every pickable layer again (60,000 incident points
 * included) only to learn whether the cursor is over something. Nothing here uses hover (no
 * tooltips, no hover highlight; the cursor only said "pointer"), and on a workstation drawing
 * WebGL in software (virtual desktops without a GPU, our CI's SwiftShader) one such pass took
 * 0.8-2.3 s: every mouse move over the map stalled the app that long. Clicks still pick: deck.gl
 * picks once when the button goes down, through another path, so selecting a point or a target
 * works as before. (Removing deck.gl's mouse-move listener instead also stopped its mouse-down
 * listener, and clicks then found nothing.)
 *
 * Returns whether hover picking is now off (false: deck.gl changed its internals; the map still
 * works, only with hover picking on).
 */
export function stopHoverPicking(overlay: MapLibreOverlay): boolean {
  const deck = (overlay as unknown as { _deck?: DeckInternals })._deck;
  if (!deck || typeof deck._pickAndCallback !== 'function' || !deck._pickRequest || !('event' in deck._pickRequest)) return false;
  const request = deck._pickRequest;
  deck._pickAndCallback = () => {
    request.event = null;
  };
  return true;
}
