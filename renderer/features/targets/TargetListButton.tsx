import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { HostApi } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { TargetListDialog } from './TargetListDialog';

/** The header's "Target list…" button and its dialog (open state kept here, not in the store). */
export function TargetListButton(props: { state: AppState; store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={!props.state.dataset} title="A ranked patrol target list from a design or the hot spots, with PDF/CSV/Excel/GeoJSON/KML/GPX export" data-testid="targets-open">
        Target list…
      </button>
      {/* A portal: the header's layout must not clip or stack the dialog. */}
      {open && createPortal(<TargetListDialog {...props} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
