import { markStateHelp, statusLabels } from './statusText';
import type { MarkFields } from './markBody';
import type { MarkState } from './types';

interface Props {
  fields: MarkFields;
  states: readonly MarkState[];
  onChange: (fields: MarkFields) => void;
  /** Prefixes the test ids: "bulk", "customer". */
  testPrefix: string;
  justificationLabel: string;
}

/** The parts every mark has: its state, why, and until when (optional). */
export function MarkFieldsInputs({ fields, states, onChange, testPrefix, justificationLabel }: Props) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <label className="filter">
        <span>State</span>
        <select value={fields.state} onChange={(e) => onChange({ ...fields, state: e.target.value as MarkState })} data-testid={`${testPrefix}-state`}>
          {states.map((s) => (
            <option key={s} value={s} title={markStateHelp[s]}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter grow">
        <span>{justificationLabel}</span>
        <input
          required
          maxLength={2000}
          value={fields.justification}
          onChange={(e) => onChange({ ...fields, justification: e.target.value })}
          placeholder={fields.state === 'patched' ? 'e.g. upgraded by hand during the maintenance of 3 March' : 'e.g. the service is only reachable from the admin network'}
          data-testid={`${testPrefix}-justification`}
        />
      </label>
      <label className="filter">
        <span>Expires (optional)</span>
        <input type="date" min={today} value={fields.expires} onChange={(e) => onChange({ ...fields, expires: e.target.value })} data-testid={`${testPrefix}-expires`} />
      </label>
    </>
  );
}
