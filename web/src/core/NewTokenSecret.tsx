import { useRef } from 'react';
import { CopyStatus } from './CopyStatus';
import type { CreatedToken } from './TokenCreateForm';
import { useCopy } from './useCopy';

export function NewTokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const { copy, copied } = useCopy(created.secret, () => field.current?.select());

  return (
    <div className="panel secret" role="region" aria-labelledby="token-secret-title">
      <h2 id="token-secret-title">Token “{created.token.name}” created</h2>
      <p className="warning">
        Copy the secret now: it is not stored in readable form and <strong>will not be shown again</strong>.
      </p>
      <div className="form-row">
        <label className="filter grow">
          <span>Secret</span>
          <input ref={field} readOnly value={created.secret} onFocus={(e) => e.target.select()} data-testid="token-secret" />
        </label>
        <button type="button" className="primary" onClick={copy} data-testid="token-secret-copy">
          Copy
        </button>
      </div>
      <CopyStatus copied={copied} what="secret" />
      {created.token.kind === 'agent' && (
        <p>
          On each host, run: <code>steward agent report --server {window.location.origin} --token {created.secret}</code>
        </p>
      )}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
