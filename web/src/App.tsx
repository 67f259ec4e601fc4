// Each capability (core, inventory, …) brings its own routes and navigation section; this is where they meet,
// so core never has to know which capabilities exist.
import { Route, Routes } from 'react-router-dom';
import { advisoryRoutes, securityNav } from './advisories/routes';
import { Layout } from './core/Layout';
import { LoginPage } from './core/LoginPage';
import { NotFoundPage } from './core/NotFoundPage';
import { RequireAuth } from './core/RequireAuth';
import { adminNav, coreRoutes } from './core/routes';
import { inventoryNav, inventoryRoutes } from './inventory/routes';
import { LandingRedirect } from './remediation/LandingRedirect';
import { patchingNav, remediationRoutes } from './remediation/routes';

const navigation = [inventoryNav, securityNav, patchingNav, adminNav];

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout navigation={navigation} />
          </RequireAuth>
        }
      >
        <Route index element={<LandingRedirect />} />
        {inventoryRoutes}
        {advisoryRoutes}
        {remediationRoutes}
        {coreRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
