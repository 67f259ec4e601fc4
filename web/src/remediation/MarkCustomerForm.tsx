import { type FormEvent, useState } from 'react';
import { api, type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import type { Customer, Tag } from '../inventory/types';
import { markBody, type MarkFields } from './markBody';
import { MarkFieldsInputs } from './MarkFieldsInputs';
import { markVerb, statusLabels } from './statusText';
import type { MarkState } from './types';

const wideStates: readonly MarkState[] = ['compensated', 'accepted-risk', 'not-applicable'];

interface Props {
  advisoryId: string;
  /** The customer the report's filter names, to start with. */
  initialCustomer: string;
  onMarked: (message: string) => void;
}

/**
 * A mark for a whole customer, or for its hosts with one tag: it covers the hosts that join later too. For what
 * protects hosts other than a patch (compensated), a known and accepted risk, or a flaw that does not apply.
 */
export function MarkCustomerForm({ advisoryId, initialCustomer, onMarked }: Props) {
  const customers = useApi<{ items: Customer[] }>('/customers');
  const [customer, setCustomer] = useState(initialCustomer === 'none' ? '' : initialCustomer);
  // Every customer's tags at once: one request, whichever customer is chosen.
  const tags = useApi<{ items: Tag[] }>('/tags');
  const [tag, setTag] = useState('');
  const [fields, setFields] = useState<MarkFields>({ state: 'compensated', justification: '', expires: '' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const tagNames = customer ? [...new Set((tags.data?.items ?? []).filter((t) => String(t.customerId) === customer).map((t) => t.name))].sort() : [];
  const customerName = customers.data?.items.find((c) => String(c.id) === customer)?.name ?? '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await api.post('/remediation/marks', { ...markBody(advisoryId, fields), customer: Number(customer), ...(tag ? { tag } : {}) });
      setFields({ ...fields, justification: '', expires: '' });
      onMarked(`Marked every host of ${customerName}${tag ? ` tagged ${tag}` : ''} ${statusLabels[fields.state]}.`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="mark-customer-title" data-testid="customer-mark">
      <h3 id="mark-customer-title">Mark a whole customer, or its hosts with a tag</h3>
      <p className="muted">Covers the hosts that join the customer or get the tag later, until the mark expires or is removed.</p>
      <div className="form-row">
        <label className="filter">
          <span>Customer</span>
          <select
            required
            value={customer}
            onChange={(e) => {
              setCustomer(e.target.value);
              setTag('');
            }}
            data-testid="customer-mark-customer"
          >
            <option value="">Choose a customer…</option>
            {(customers.data?.items ?? []).map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Hosts</span>
          <select value={tag} onChange={(e) => setTag(e.target.value)} disabled={!customer} data-testid="customer-mark-tag">
            <option value="">all of the customer&apos;s</option>
            {tagNames.map((t) => (
              <option key={t} value={t}>
                tagged {t}
              </option>
            ))}
          </select>
        </label>
        <MarkFieldsInputs fields={fields} states={wideStates} onChange={setFields} testPrefix="customer-mark" justificationLabel="Reason" />
        <button type="submit" className="primary" disabled={pending || !customer} data-testid="customer-mark-submit">
          {pending ? 'Marking…' : markVerb(fields.state)}
        </button>
      </div>
      <ErrorMessage error={error} />
      <ErrorMessage error={customers.error} />
    </form>
  );
}
