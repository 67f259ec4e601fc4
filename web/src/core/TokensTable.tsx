import { RevokeTokenButton } from './RevokeTokenButton';
import { Timestamp } from './Timestamp';
import type { ApiToken } from './types';

interface Props {
  tokens: ApiToken[];
  busy: boolean;
  onRevoked: () => void;
}

export function TokensTable({ tokens, busy, onRevoked }: Props) {
  if (tokens.length === 0) return <p className="empty">No tokens yet. Create one above to let an agent report a host.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="tokens-table" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={token.revokedAt ? 'inactive' : undefined} data-testid="token-row">
              <th scope="row">{token.name}</th>
              <td>{token.kind}</td>
              <td>
                <Timestamp iso={token.createdAt} /> by {token.createdBy}
              </td>
              <td>
                <Timestamp iso={token.lastUsedAt} empty="never" />
              </td>
              <td>
                {token.revokedAt ? (
                  <>
                    revoked <Timestamp iso={token.revokedAt} />
                  </>
                ) : (
                  'active'
                )}
              </td>
              <td className="actions">{!token.revokedAt && <RevokeTokenButton token={token} onRevoked={onRevoked} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
