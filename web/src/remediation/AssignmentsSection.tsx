import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type ApiError, toApiError, withQuery } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import type { Customer, Tag } from '../inventory/types';
import { errorFor, fieldErrors, shownAtAField } from './fieldErrors';
import { FieldError } from './FieldError';
import type { Assignment, Policy } from './types';
import { assignmentText } from './windowText';

interface Props {
  policy: Policy;
  canEdit: boolean;
  onChanged: () => void;
}

/** Where a policy applies: a customer's hosts, or those with one of its tags. Staff add and remove assignments. */
export function AssignmentsSection({ policy, canEdit, onChanged }: Props) {
  const [error, setError] = useState<ApiError>();
  const unassign = async (a: Assignment) => {
    setError(undefined);
    try {
      await api.delete(`/policies/${policy.id}/assignments`, { customer: a.customer.id, tag: a.tag });
      onChanged();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  return (
    <section aria-labelledby="assignments-title">
      <h2 id="assignments-title">Applies to</h2>
      {policy.assignments.length === 0 ? (
        <p className="empty">Not assigned yet: no host follows this policy.</p>
      ) : (
        <ul className="assignments" data-testid="policy-assignments">
          {policy.assignments.map((a) => (
            <li key={`${a.customer.id} ${a.tag ?? ''}`} data-testid="policy-assignment">
              <Link to={withQuery('/hosts', { customer: a.customer.id, tag: a.tag })}>{a.tag ? `${a.customer.name}'s hosts tagged ${a.tag}` : `every host of ${a.customer.name}`}</Link>
              {canEdit && (
                <>
                  {' '}
                  <button type="button" className="small" onClick={() => void unassign(a)} aria-label={`Unassign from ${assignmentText(a)}`}>
                    Unassign
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} />
      {canEdit && <AssignForm policyId={policy.id} onAssigned={onChanged} />}
    </section>
  );
}

function AssignForm({ policyId, onAssigned }: { policyId: number; onAssigned: () => void }) {
  const customers = useApi<{ items: Customer[] }>('/customers');
  const tags = useApi<{ items: Tag[] }>('/tags');
  const [customer, setCustomer] = useState('');
  const [tag, setTag] = useState('');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const errors = fieldErrors(error);
  const tagNames = [...new Set((tags.data?.items ?? []).filter((t) => String(t.customerId) === customer).map((t) => t.name))].sort();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await api.post(`/policies/${policyId}/assignments`, { customer: Number(customer), ...(tag ? { tag } : {}) });
      setTag('');
      onAssigned();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="assign-title" data-testid="assign-form">
      <h3 id="assign-title">Assign</h3>
      <div className="form-row">
        <label className="filter">
          <span>Customer</span>
          <select required value={customer} onChange={(e) => { setCustomer(e.target.value); setTag(''); }} aria-invalid={errorFor(errors, 'customer') ? true : undefined} aria-describedby="assign-customer-error" data-testid="assign-customer">
            <option value="">Choose a customer…</option>
            {(customers.data?.items ?? []).map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id="assign-customer-error" message={errorFor(errors, 'customer')} />
        </label>
        <label className="filter">
          <span>Hosts</span>
          <select value={tag} onChange={(e) => setTag(e.target.value)} disabled={!customer} aria-invalid={errorFor(errors, 'tag') ? true : undefined} aria-describedby="assign-tag-error" data-testid="assign-tag">
            <option value="">all of the customer&apos;s</option>
            {tagNames.map((t) => (
              <option key={t} value={t}>
                tagged {t}
              </option>
            ))}
          </select>
          <FieldError id="assign-tag-error" message={errorFor(errors, 'tag')} />
        </label>
        <button type="submit" className="primary" disabled={pending || !customer} data-testid="assign-submit">
          {pending ? 'Assigning…' : 'Assign'}
        </button>
      </div>
      {!shownAtAField(errors, ['customer', 'tag']) && <ErrorMessage error={error} />}
    </form>
  );
}
