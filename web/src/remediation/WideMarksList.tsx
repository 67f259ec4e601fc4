import { Timestamp } from '../core/Timestamp';
import { RemoveMarkButton } from './RemoveMarkButton';
import { statusLabels } from './statusText';
import { shortUtc } from './timeText';
import type { MarkRow } from './types';

interface Props {
  marks: MarkRow[];
  customerName: (id: number | null) => string;
  canEdit: boolean;
  onRemoved: () => void;
}

/** Whom a customer-wide mark covers, in words. */
export const wideMarkCovers = (customer: string, tag: string | null): string => (tag ? `every host of ${customer} tagged ${tag}` : `every host of ${customer}`);

/** The marks on this advisory that cover a whole customer or its hosts with a tag, hosts to come included. */
export function WideMarksList({ marks, customerName, canEdit, onRemoved }: Props) {
  const wide = marks.filter((m) => m.scope !== 'host' && m.removed_at === null);
  if (wide.length === 0) return null;
  const now = Date.now();
  return (
    <section aria-labelledby="wide-marks-title">
      <h3 id="wide-marks-title">Marks for whole customers</h3>
      <div className="table-wrap">
        <table data-testid="wide-marks">
          <thead>
            <tr>
              <th scope="col">Covers</th>
              <th scope="col">State</th>
              <th scope="col">Why</th>
              <th scope="col">By</th>
              <th scope="col">Expires</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {wide.map((m) => {
              const covers = wideMarkCovers(customerName(m.customer_id), m.tag);
              const expired = m.expires_at !== null && Date.parse(m.expires_at) <= now;
              return (
                <tr key={m.id} className={expired ? 'inactive' : undefined} data-testid="wide-mark">
                  <th scope="row">{covers}</th>
                  <td>
                    <span className={`status status-${m.state}`}>{statusLabels[m.state]}</span>
                  </td>
                  <td>{m.justification}</td>
                  <td>
                    {m.created_by}, <Timestamp iso={m.created_at} />
                  </td>
                  <td>{m.expires_at ? `${expired ? 'expired ' : ''}${shortUtc(m.expires_at)}` : <span className="muted">never</span>}</td>
                  {canEdit && (
                    <td className="actions">
                      <RemoveMarkButton mark={m} covers={covers} onRemoved={onRemoved} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
