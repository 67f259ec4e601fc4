import { Link } from 'react-router-dom';
import { useTitle } from './useTitle';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </section>
  );
}
