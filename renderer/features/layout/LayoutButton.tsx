import { useState } from 'react';
import type { HostApi } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { LayoutView } from './LayoutView';

/** The header's "Briefing map…" button and the layout view it opens. */
export function LayoutButton(props: { state: AppState; store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" disabled={props.state.phase !== 'ready'} onClick={() => setOpen(true)} title="Lay out a briefing map for print: PNG, PDF or an atlas">
        Briefing map…
      </button>
      {open && <LayoutView {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
