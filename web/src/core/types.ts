export type Role = 'admin' | 'operator' | 'customer';

export interface User {
  id: number;
  username: string;
  role: Role;
  customerId: number | null;
}

/** Roles that run the fleet, as opposed to customers who only look at their own hosts. */
export const staffRoles: readonly Role[] = ['admin', 'operator'];

export type TokenKind = 'agent' | 'api';

export interface ApiToken {
  id: number;
  name: string;
  kind: TokenKind;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface NavItem {
  to: string;
  label: string;
  /** Left out: everyone who is signed in sees the item. */
  roles?: readonly Role[];
}

export interface NavSection {
  title: string;
  items: NavItem[];
}
