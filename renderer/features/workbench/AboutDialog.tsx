import { useEffect, useState } from 'react';
import type { AppInfo, HostApi } from '../../../shared/contract/host-api';

/** About box, with the network statement: the app makes no network connection at all. */
export function AboutDialog({ host, onClose }: { host: HostApi; onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void host.getAppInfo().then((r) => r.ok && setInfo(r.value));
  }, [host]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label="About SPI Workbench" onClick={(e) => e.stopPropagation()}>
        <h2>SPI Workbench {info?.version ?? ''}</h2>
        <p>An offline GIS workbench for Smart Policing crime analysis.</p>
        <p>
          <strong>Network: none.</strong> The workbench never opens a network connection: maps, fonts, the database engine
          and every analysis are bundled with the app. The desktop app refuses every request that is not to its own files;
          the browser build is served from 127.0.0.1 only.
        </p>
        <p className="note">Host: {info ? `${info.host} (${info.platform})` : '…'}</p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
