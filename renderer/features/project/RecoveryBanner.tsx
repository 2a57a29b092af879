import type { HostApi } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { discardAutosave, recoverAutosave } from './autosave';

/** Offers unsaved work found at start-up (after a crash, or a close without saving). */
export function RecoveryBanner({ offer, store, host, engine }: { offer: NonNullable<AppState['recovery']>; store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  return (
    <div className="banner" role="alert" aria-label="Recover unsaved work">
      Unsaved work from {offer.savedAt.slice(0, 16).replace('T', ' ')} (“{offer.title}”) was found.
      <button type="button" onClick={() => void recoverAutosave(store, host, engine)}>
        Recover
      </button>
      <button type="button" onClick={() => void discardAutosave(store, host)}>
        Discard
      </button>
    </div>
  );
}
