import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../core/RequireRole';
import { type NavSection, staffRoles } from '../core/types';
import { CustomerOverviewPage } from './CustomerOverviewPage';
import { OverviewIndexPage } from './OverviewIndexPage';
import { PoliciesPage } from './PoliciesPage';
import { PolicyEditPage } from './PolicyEditPage';
import { PolicyPage } from './PolicyPage';

// Remediation is a module of its own on the server (src/remediation): when hosts patch, and what customers see.
export const patchingNav: NavSection = {
  title: 'Patching',
  items: [
    { to: '/overview', label: 'Overview', roles: ['customer'] },
    { to: '/overview', label: 'Customer overviews', roles: staffRoles },
    { to: '/policies', label: 'Policies' },
  ],
};

const staffOnly = (page: ReactNode) => <RequireRole roles={staffRoles}>{page}</RequireRole>;

export const remediationRoutes = (
  <>
    <Route path="overview" element={<OverviewIndexPage />} />
    <Route path="customers/:id/overview" element={<CustomerOverviewPage />} />
    <Route path="policies" element={<PoliciesPage />} />
    <Route path="policies/new" element={staffOnly(<PolicyEditPage />)} />
    <Route path="policies/:id" element={<PolicyPage />} />
    <Route path="policies/:id/edit" element={staffOnly(<PolicyEditPage />)} />
  </>
);
