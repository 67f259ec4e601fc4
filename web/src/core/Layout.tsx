import { useState } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { toApiError, type ApiError } from './api';
import { useAuth, useUser } from './auth';
import { ErrorMessage } from './ErrorMessage';
import type { NavSection, User } from './types';

const visibleItems = (section: NavSection, user: User) =>
  section.items.filter((item) => !item.roles || item.roles.includes(user.role));

export function Layout({ navigation }: { navigation: NavSection[] }) {
  const user = useUser();
  const { logout } = useAuth();
  const [signOutError, setSignOutError] = useState<ApiError>();

  const signOut = () => {
    setSignOutError(undefined);
    logout().catch((err: unknown) => setSignOutError(toApiError(err)));
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main" data-testid="nav">
        <div className="brand">Steward</div>
        {navigation.map((section) => {
          const items = visibleItems(section, user);
          if (items.length === 0) return null;
          return (
            <div className="nav-section" key={section.title}>
              <h2 className="nav-heading">{section.title}</h2>
              <ul>
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to}>{item.label}</NavLink>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        <div className="session">
          <div>
            <span className="session-user" data-testid="nav-user">
              {user.username}
            </span>{' '}
            <span className="badge">{user.role}</span>
          </div>
          <button type="button" className="link-button" onClick={signOut} data-testid="nav-signout">
            Sign out
          </button>
          <ErrorMessage error={signOutError} />
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
