import { useCallback, useRef, useState } from 'react';
import type { Selection } from '../remediation/useSelection';
import { ReportHostRow, type MarkScopeNote } from './ReportHostRow';
import type { ReportHost } from './types';

// An advisory can hit a thousand hosts: rows are added a page at a time, so opening a group stays instant.
const pageSize = 100;

interface Props {
  hosts: ReportHost[];
  /** Set for staff: rows get a checkbox and a way to remove a mark. */
  selection?: Selection;
  scopeNote: MarkScopeNote;
  onChanged: () => void;
}

/** The hosts an advisory hits now, each with its state and its affected packages: installed → fixed. */
export function ReportHostsTable({ hosts, selection, scopeNote, onChanged }: Props) {
  const [shown, setShown] = useState(pageSize);
  const set = selection?.set;
  // Shift+click (or Shift+Space) selects the range from the last row toggled, within this table.
  const anchor = useRef<number | null>(null);
  const onToggle = useCallback(
    (index: number, on: boolean, range: boolean) => {
      if (!set) return;
      const from = range && anchor.current !== null ? Math.min(anchor.current, index) : index;
      const to = range && anchor.current !== null ? Math.max(anchor.current, index) : index;
      set(
        hosts.slice(from, to + 1).map((h) => h.id),
        on,
      );
      anchor.current = index;
    },
    [hosts, set],
  );

  return (
    <>
      <div className="table-wrap">
        <table data-testid="report-hosts">
          <thead>
            <tr>
              {selection && (
                <th scope="col" className="select-cell">
                  <span className="visually-hidden">Selected</span>
                </th>
              )}
              <th scope="col">Host</th>
              <th scope="col">State</th>
              <th scope="col">Release</th>
              <th scope="col">Tags</th>
              <th scope="col">Packages: installed → fixed</th>
              {selection && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {hosts.slice(0, shown).map((host, index) => (
              <ReportHostRow
                key={host.id}
                host={host}
                index={index}
                selectable={selection !== undefined}
                selected={selection?.selected.has(host.id) ?? false}
                onToggle={onToggle}
                scopeNote={scopeNote}
                onChanged={onChanged}
              />
            ))}
          </tbody>
        </table>
      </div>
      {hosts.length > shown && (
        <button type="button" className="show-more" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, hosts.length - shown)} more of {hosts.length - shown} remaining
        </button>
      )}
    </>
  );
}
