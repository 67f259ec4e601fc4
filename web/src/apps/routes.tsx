import { Route } from 'react-router-dom';
import type { NavItem } from '../core/types';
import { AppPage } from './AppPage';
import { AppsPage } from './AppsPage';

// App versions are part of the inventory (src/inventory/apps on the server): the inventory section lists them.
export const appsNavItem: NavItem = { to: '/apps', label: 'Apps' };

export const appRoutes = (
  <>
    <Route path="apps" element={<AppsPage />} />
    <Route path="apps/:appId" element={<AppPage />} />
  </>
);
