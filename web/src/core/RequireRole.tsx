import type { ReactNode } from 'react';
import { useUser } from './auth';
import type { Role } from './types';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useUser();
  if (!roles.includes(user.role)) {
    return (
      <section>
        <h1>Not available</h1>
        <p>Your account ({user.role}) cannot open this page.</p>
      </section>
    );
  }
  return children;
}
