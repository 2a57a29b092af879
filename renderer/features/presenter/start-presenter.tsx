import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PresenterApp } from './PresenterApp';

/** The presenter id in a page URL's query (`?presenter=<id>`, letters and digits), or null. */
export function presenterIdFrom(search: string): string | null {
  const id = new URLSearchParams(search).get('presenter');
  return id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : null;
}

/** Renders the presenter window instead of the workbench: no engine, no data loading, no autosave. */
export function startPresenterWindow(id: string): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PresenterApp id={id} />
    </StrictMode>,
  );
}
