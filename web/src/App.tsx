// Each capability (core, inventory, …) brings its own routes and navigation section; this is where they meet,
// so core never has to know which capabilities exist.
import { Navigate, Route, Routes } from 'react-router-dom';
import { advisoryRoutes, securityNav } from './advisories/routes';
import { Layout } from './core/Layout';
import { LoginPage } from './core/LoginPage';
import { NotFoundPage } from './core/NotFoundPage';
import { RequireAuth } from './core/RequireAuth';
import { adminNav, coreRoutes } from './core/routes';
import { inventoryNav, inventoryRoutes } from './inventory/routes';

const navigation = [inventoryNav, securityNav, adminNav];

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
        <Route index element={<Navigate to="/hosts" replace />} />
        {inventoryRoutes}
        {advisoryRoutes}
        {coreRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
