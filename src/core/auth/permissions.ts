// Who may do what. A permission is `resource:action`; every route declares exactly one (or `public`).
// Roles are coarse on purpose: admins do everything, operators everything but managing users, customer users
// only read (and every read they make is scoped to their customer), agent tokens only report hosts.
import type { UserRole } from '../schema.js';

export type Permission = 'public' | 'authenticated' | `${string}:${string}`;

export interface Principal {
  kind: 'user' | 'agent';
  userId: number;
  username: string;
  role: UserRole;
  /** Set for customer users: every query they cause is limited to this customer. */
  customerId: number | null;
  /** Set when the caller authenticated with an API or agent token rather than a session. */
  tokenId?: number;
}

/** What an agent token may do: report its host's packages and its apps' versions. */
export const agentPermissions: ReadonlySet<Permission> = new Set(['hosts:report', 'apps:report']);
const adminOnly = new Set(['users:manage']);

export function allows(principal: Principal, permission: Permission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  if (principal.kind === 'agent') return agentPermissions.has(permission);
  switch (principal.role) {
    case 'admin':
      return true;
    case 'operator':
      return !adminOnly.has(permission);
    case 'customer':
      return permission.endsWith(':read');
  }
}

/** The customer a caller is confined to, or null for staff who see every customer. */
export interface Scope {
  customerId: number | null;
}

export const scopeOf = (principal: Principal): Scope => ({
  customerId: principal.role === 'customer' ? principal.customerId ?? -1 : null,
});

export const unscoped: Scope = { customerId: null };

/** The scope of a request's caller; a request without one (a public route) is unscoped. */
export const requestScope = (request: { principal: Principal | null }): Scope => (request.principal ? scopeOf(request.principal) : unscoped);
