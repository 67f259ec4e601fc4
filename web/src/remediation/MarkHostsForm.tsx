import { type FormEvent, useState } from 'react';
import { api, type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { hostsText, markBody, type MarkFields } from './markBody';
import { MarkFieldsInputs } from './MarkFieldsInputs';
import { markStateHelp, markVerb, statusLabels } from './statusText';
import { markStates } from './types';
import type { Selection } from './useSelection';

interface Props {
  advisoryId: string;
  selection: Selection;
  /** How many hosts the filters show, and a way to select them all. */
  shownIds: readonly number[];
  onMarked: (message: string) => void;
}

/**
 * The bar over the report's hosts: how many are selected, and the mark to give them (patched by default) with why.
 * Enter in the justification submits. Sticks to the top of the window while the rows scroll by.
 */
export function MarkHostsForm({ advisoryId, selection, shownIds, onMarked }: Props) {
  const [fields, setFields] = useState<MarkFields>({ state: 'patched', justification: '', expires: '' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const count = selection.selected.size;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (count === 0) return;
    setPending(true);
    setError(undefined);
    try {
      const hosts = [...selection.selected];
      await api.post('/remediation/marks', { ...markBody(advisoryId, fields), hosts });
      selection.clear();
      setFields({ ...fields, justification: '', expires: '' });
      onMarked(`Marked ${hostsText(hosts.length)} ${statusLabels[fields.state]}.`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="mark-bar" onSubmit={submit} aria-labelledby="mark-bar-title" data-testid="bulk-mark">
      <div className="form-row">
        <h3 id="mark-bar-title" className="mark-bar-count" aria-live="polite" data-testid="bulk-count">
          {count === 0 ? 'No host selected' : `${hostsText(count)} selected`}
        </h3>
        <button type="button" className="small" onClick={() => selection.set(shownIds, true)} disabled={shownIds.length === 0} data-testid="select-shown">
          Select the {hostsText(shownIds.length)} shown
        </button>
        <button type="button" className="small" onClick={selection.clear} disabled={count === 0} data-testid="select-none">
          Clear selection
        </button>
      </div>
      <div className="form-row">
        <MarkFieldsInputs fields={fields} states={markStates} onChange={setFields} testPrefix="bulk" justificationLabel="Justification" />
        <button type="submit" className="primary" disabled={pending || count === 0} title={markStateHelp[fields.state]} data-testid="bulk-submit">
          {pending ? 'Marking…' : `${markVerb(fields.state)}${count > 0 ? ` (${hostsText(count)})` : ''}`}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
