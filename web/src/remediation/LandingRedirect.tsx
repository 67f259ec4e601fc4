import { Navigate } from 'react-router-dom';
import { useUser } from '../core/auth';

/** The start page: customers land on their overview in plain words, staff on the hosts. */
export function LandingRedirect() {
  const user = useUser();
  return <Navigate to={user.role === 'customer' ? '/overview' : '/hosts'} replace />;
}
