/**
 * The office's roles, from least to most trusted. Each role may do everything the ones before it may:
 * a reader reads and exports approved work; a translator imports, translates, edits and confirms; a reviewer also
 * revises, approves and signs off briefs; an admin also manages users, the termbase, the memory and provider settings.
 * Pure: imports nothing from the project but zod.
 */
import { z } from 'zod';

export const ROLES = ['reader', 'translator', 'reviewer', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * True when `role` may do what `needed` may.
 * @example atLeast('reviewer', 'translator') === true
 */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Who is acting: a signed-in user, a token holder, or the single user of a loopback install without accounts. */
export interface Actor {
  /** null in single-user mode. */
  id: string | null;
  name: string;
  role: Role;
  via: 'session' | 'token' | 'local';
  /** Tokens with scope `read` may only read. */
  scope?: 'read' | 'write';
}

/** True for a loopback host name or address: the one place where a workbench without accounts may listen. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
