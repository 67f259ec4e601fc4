import { useRef, useState } from 'react';
import type { CreatedToken } from './TokenCreateForm';

export function NewTokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed'>();

  const copy = async () => {
    try {
      // navigator.clipboard only exists on https and localhost; Steward is often reached over plain http inside a LAN.
      if (navigator.clipboard) await navigator.clipboard.writeText(created.secret);
      else {
        field.current?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied('yes');
    } catch {
      field.current?.select();
      setCopied('failed');
    }
  };

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
      <p aria-live="polite" className="muted">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Could not copy automatically; the secret is selected, press Ctrl+C.'}
      </p>
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
