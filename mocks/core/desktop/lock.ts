/** Locking the app (DSK-6): a lock ends every session at once; unlocking revives none. */
import { emit } from './activity.js';
import { endAllGrants } from './grants.js';
import { grantKey } from './grant.js';
import type { DesktopState } from './state.js';

export function lock(s: DesktopState): void {
  s.settings.locked = true;
  emit(s, { type: 'lock' });
  if (s.defects.on('desktop-lock-keeps-sessions')) return; // defect: breaks DSK-6
  if (s.defects.on('desktop-unlock-revives')) {
    const grants = [...s.grants.values()];
    const ids = new Set(grants.map((g) => g.id));
    s.endedByLock = { grants, clients: [...s.clients.values()].filter((c) => ids.has(c.grantId)) };
  }
  endAllGrants(s, 'lock');
}

/** Unlocking does not revive ended sessions (DSK-6), except under `desktop-unlock-revives`. */
export function unlock(s: DesktopState): void {
  if (!s.settings.locked) return;
  s.settings.locked = false;
  emit(s, { type: 'unlock' });
  if (s.defects.on('desktop-unlock-revives')) { // defect: breaks DSK-6 (the sessions the lock ended come back)
    for (const g of s.endedByLock.grants) s.grants.set(grantKey(g.holder, g.account.id), g);
    for (const c of s.endedByLock.clients) { s.clients.set(c.id, c); s.clientNumbers.set(c.number, c.id); }
    s.endedByLock = { grants: [], clients: [] };
  }
}
