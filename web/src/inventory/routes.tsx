import { Route } from 'react-router-dom';
import { appRoutes, appsNavItem } from '../apps/routes';
import type { NavSection } from '../core/types';
import { HostPage } from './HostPage';
import { HostsPage } from './HostsPage';

export const inventoryNav: NavSection = {
  title: 'Inventory',
  items: [{ to: '/hosts', label: 'Hosts' }, appsNavItem],
};

export const inventoryRoutes = (
  <>
    <Route path="hosts" element={<HostsPage />} />
    <Route path="hosts/:id" element={<HostPage />} />
    {appRoutes}
  </>
);
