import { Timestamp } from '../core/Timestamp';
import { PackageChangeLine } from './PackageChangeLine';
import type { HistoryRun } from './types';

// Long runs (a host's first report lists every package) stay folded so the page remains scannable.
const foldAbove = 25;

function summary(run: HistoryRun): string {
  const parts = [
    run.upgraded && `${run.upgraded} upgraded`,
    run.added && `${run.added} added`,
    run.removed && `${run.removed} removed`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}

export function HistoryRunItem({ run, hostArch }: { run: HistoryRun; hostArch: string | null }) {
  const changes = (
    <ul className="changes">
      {run.changes.map((change) => (
        <PackageChangeLine key={`${change.change} ${change.name}:${change.arch}`} change={change} hostArch={hostArch} />
      ))}
    </ul>
  );
  return (
    <li className="run" data-testid="history-run">
      <h3>
        <Timestamp iso={run.at} format="full" />
      </h3>
      <p className="muted">{summary(run)}</p>
      {run.changes.length > foldAbove ? (
        <details>
          <summary>Show all {run.changes.length} changes</summary>
          {changes}
        </details>
      ) : (
        changes
      )}
    </li>
  );
}
