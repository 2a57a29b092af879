import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LIVE_GUEST_PATH } from '../../../shared/domain/session/live-protocol';
import { GuestApp } from './GuestApp';

/** True on a session server's guest page (`IP:PORT/guest` over HTTPS): the page starts as a guest. */
export function isLiveGuestPage(pathname: string): boolean {
  return pathname === LIVE_GUEST_PATH;
}

/** Starts the guest page: no database engine, no project, no autosave: only the live map. */
export function startLiveGuest(): void {
  document.title = 'Live session — SPI Workbench';
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <GuestApp />
    </StrictMode>,
  );
}
