/**
 * Who is using the interface, as the server said at start-up (GET /api/auth/me), so views can hide what the role may
 * not do. The server still checks every request: hiding a button is a courtesy, not the gate.
 */
import type { Me, Role } from '../../../backend/src/schemas/office.ts';

const ORDER: Role[] = ['reader', 'translator', 'reviewer', 'admin'];
let me: Me = { mode: 'single-user', user: { id: null, name: 'editor', role: 'admin', via: 'local' } };

export function setMe(next: Me): void {
  me = next;
}

export function currentMe(): Me {
  return me;
}

/** True when the current user has `role` or a higher one (always true in single-user mode). */
export function can(role: Role): boolean {
  const mine = me.user?.role;
  return mine !== undefined && ORDER.indexOf(mine) >= ORDER.indexOf(role);
}
