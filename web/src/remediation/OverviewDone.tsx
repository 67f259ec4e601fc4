import { Link } from 'react-router-dom';
import { advisoryPath } from '../advisories/advisoryPath';
import { doneText } from './plainWords';
import { plainDate } from './timeText';
import type { CustomerReportDone } from './types';

/** How many entries show before "Show all". */
const shownFirst = 20;

/** "What was done": recent fixes and decisions, newest first, each with its date and why. */
export function OverviewDone({ done }: { done: CustomerReportDone[] }) {
  const sorted = [...done].sort((a, b) => b.at.localeCompare(a.at));
  const first = sorted.slice(0, shownFirst);
  const rest = sorted.slice(shownFirst);
  return (
    <section aria-labelledby="done-title" data-testid="overview-done">
      <h2 id="done-title">What was done</h2>
      {sorted.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <>
          <DoneList entries={first} />
          {rest.length > 0 && (
            <details>
              <summary>Show {rest.length} earlier</summary>
              <DoneList entries={rest} />
            </details>
          )}
        </>
      )}
    </section>
  );
}

function DoneList({ entries }: { entries: CustomerReportDone[] }) {
  return (
    <ul className="overview-done">
      {entries.map((d, i) => (
        <li key={`${d.at} ${d.host?.id ?? d.tag ?? ''} ${d.advisory.id} ${i}`} data-testid="overview-done-entry">
          <time dateTime={d.at} className="done-date">
            {plainDate(d.at)}
          </time>
          {': '}
          <Link to={advisoryPath(d.advisory.id)}>{d.advisory.title ?? d.advisory.id}</Link> {doneText(d)}
          {d.justification && <span className="muted"> — “{d.justification}”</span>}
        </li>
      ))}
    </ul>
  );
}
