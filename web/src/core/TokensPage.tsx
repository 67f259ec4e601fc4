import { useState } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { NewTokenSecret } from './NewTokenSecret';
import { TokenCreateForm, type CreatedToken } from './TokenCreateForm';
import { TokensTable } from './TokensTable';
import type { ApiToken } from './types';
import { useApi } from './useApi';
import { useTitle } from './useTitle';

export function TokensPage() {
  useTitle('API tokens');
  const tokens = useApi<{ items: ApiToken[] }>('/tokens');
  const [created, setCreated] = useState<CreatedToken>();

  const onCreated = (result: CreatedToken) => {
    setCreated(result);
    tokens.reload();
  };

  return (
    <section>
      <h1>API tokens</h1>
      <p className="lead">
        Agent tokens let <code>steward agent report</code> send a host's inventory; API tokens let scripts use the API
        as you.
      </p>
      {created ? <NewTokenSecret created={created} onDone={() => setCreated(undefined)} /> : <TokenCreateForm onCreated={onCreated} />}
      <h2>Existing tokens</h2>
      <ErrorMessage error={tokens.error} />
      {tokens.data && <TokensTable tokens={tokens.data.items} busy={tokens.loading} onRevoked={tokens.reload} />}
    </section>
  );
}
