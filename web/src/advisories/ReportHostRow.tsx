import { memo } from 'react';
import { Link } from 'react-router-dom';
import { TagList } from '../inventory/TagList';
import { HostStatusCell } from '../remediation/HostStatusCell';
import { RemoveMarkButton } from '../remediation/RemoveMarkButton';
import type { MarkSummary } from '../remediation/types';
import { ExposedVersions } from './ExposedVersions';
import { NotRunningBadge } from './NotRunningBadge';
import type { ReportHost } from './types';

/** Whom a mark covers, in words: "every host of Acme tagged db"; undefined for a host's own mark. */
export type MarkScopeNote = (mark: MarkSummary) => string | undefined;

interface Props {
  host: ReportHost;
  index: number;
  selectable: boolean;
  selected: boolean;
  onToggle: (index: number, on: boolean, range: boolean) => void;
  scopeNote: MarkScopeNote;
  onChanged: () => void;
}

/**
 * One host of a report. Memoized: ticking a host re-renders that row only, so a thousand rows stay quick. The
 * checkbox is a real one (Space toggles it, its label names the host); Shift+click selects a range.
 */
export const ReportHostRow = memo(function ReportHostRow({ host, index, selectable, selected, onToggle, scopeNote, onChanged }: Props) {
  const note = host.mark ? scopeNote(host.mark) : undefined;
  return (
    <tr data-testid="report-host" data-host-id={host.id} className={host.contradiction ? 'contradicted' : selected ? 'selected' : undefined}>
      {selectable && (
        <td className="select-cell">
          <input
            type="checkbox"
            checked={selected}
            aria-label={`Select ${host.name}`}
            onChange={(e) => onToggle(index, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
            data-testid="report-host-select"
          />
        </td>
      )}
      <th scope="row">
        <Link to={`/hosts/${host.id}?tab=exposures`}>{host.name}</Link>
      </th>
      <td>
        <HostStatusCell host={host} scopeNote={note} />
      </td>
      <td>{host.release ?? '—'}</td>
      <td>
        <TagList tags={host.tags} />
      </td>
      <td>
        <ul className="exposed-packages">
          {host.packages.map((p) => (
            <li key={`${p.package}:${p.arch}`} data-testid="report-package">
              {p.package} <span className="muted">{p.arch}</span> <ExposedVersions exposure={p} /> <NotRunningBadge notRunning={p.notRunning} />
            </li>
          ))}
        </ul>
      </td>
      {selectable && <td className="actions">{host.mark && <RemoveMarkButton mark={host.mark} covers={note ?? host.name} onRemoved={onChanged} />}</td>}
    </tr>
  );
});
