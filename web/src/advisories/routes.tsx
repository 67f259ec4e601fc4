import { Route } from 'react-router-dom';
import { RequireRole } from '../core/RequireRole';
import { type NavSection, staffRoles } from '../core/types';
import { AdvisoriesPage } from './AdvisoriesPage';
import { AdvisoryPage } from './AdvisoryPage';
import { FeedsPage } from './FeedsPage';
import { HostsAtRiskPage } from './HostsAtRiskPage';

// A section of its own rather than part of Inventory: advisories are a module of their own on the server
// (src/advisories), and what is at risk is a different question from what is installed.
export const securityNav: NavSection = {
  title: 'Security',
  items: [
    { to: '/advisories', label: 'Advisories' },
    { to: '/hosts-at-risk', label: 'Hosts at risk' },
    { to: '/advisory-feeds', label: 'Feeds', roles: staffRoles },
  ],
};

export const advisoryRoutes = (
  <>
    <Route path="advisories" element={<AdvisoriesPage />} />
    <Route path="advisories/:id" element={<AdvisoryPage />} />
    <Route path="hosts-at-risk" element={<HostsAtRiskPage />} />
    <Route
      path="advisory-feeds"
      element={
        <RequireRole roles={staffRoles}>
          <FeedsPage />
        </RequireRole>
      }
    />
  </>
);
