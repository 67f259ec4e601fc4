import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { PolicyForm } from './PolicyForm';
import type { Policy, PolicyInput } from './types';

/** A new policy (no :id) or a change to one: the whole definition is sent; its assignments stay. */
export function PolicyEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  useTitle(id ? 'Edit policy' : 'New policy');
  return (
    <section>
      <p className="breadcrumb">
        <Link to={id ? `/policies/${id}` : '/policies'}>← {id ? 'The policy' : 'Patching policies'}</Link>
      </p>
      <h1>{id ? 'Edit policy' : 'New patching policy'}</h1>
      {id ? (
        <EditExisting id={id} onSaved={(p) => navigate(`/policies/${p}`)} />
      ) : (
        <PolicyForm
          submitLabel="Create policy"
          onSubmit={async (input: PolicyInput) => {
            const created = await api.post<Policy>('/policies', input);
            navigate(`/policies/${created.id}`);
          }}
        />
      )}
    </section>
  );
}

function EditExisting({ id, onSaved }: { id: string; onSaved: (id: number) => void }) {
  const policy = useApi<Policy>(`/policies/${encodeURIComponent(id)}`);
  if (policy.error) return <ErrorMessage error={policy.error} />;
  if (!policy.data) return <p className="muted">Loading the policy…</p>;
  const p = policy.data;
  return (
    <PolicyForm
      initial={p}
      submitLabel="Save changes"
      onSubmit={async (input) => {
        await api.put(`/policies/${p.id}`, input);
        onSaved(p.id);
      }}
    />
  );
}
