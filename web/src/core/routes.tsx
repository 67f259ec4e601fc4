import { Route } from 'react-router-dom';
import { RequireRole } from './RequireRole';
import { TokensPage } from './TokensPage';
import { type NavSection, staffRoles } from './types';

export const adminNav: NavSection = {
  title: 'Administration',
  items: [{ to: '/tokens', label: 'API tokens', roles: staffRoles }],
};

export const coreRoutes = (
  <Route
    path="tokens"
    element={
      <RequireRole roles={staffRoles}>
        <TokensPage />
      </RequireRole>
    }
  />
);
