import { Link } from 'react-router-dom';
import { AdvisorySeverity } from '../advisories/AdvisorySeverity';
import { advisoryPath } from '../advisories/advisoryPath';
import { plainStatus, stillAtRisk } from './plainWords';
import type { CustomerReportAdvisory } from './types';

const contradicted = (a: CustomerReportAdvisory) => a.hosts.filter((h) => h.contradiction).length;
/** How many of the customer's servers an advisory still exposes. */
export const serversAtRisk = (a: CustomerReportAdvisory): number => a.overdue + a.open + a.awaitingWindow + contradicted(a);

/** Overdue first, then what is open (or wrongly marked fixed), then what waits for its window. */
const urgency = (a: CustomerReportAdvisory) => [a.overdue, a.open + contradicted(a), a.awaitingWindow];
function byUrgency(a: CustomerReportAdvisory, b: CustomerReportAdvisory): number {
  const x = urgency(a);
  const y = urgency(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
  return a.advisory.id.localeCompare(b.advisory.id);
}

function riskSentence(a: CustomerReportAdvisory): string {
  const wrong = contradicted(a);
  const parts = [
    a.overdue > 0 && `${a.overdue} overdue`,
    a.open > 0 && `${a.open} not fixed yet`,
    wrong > 0 && `${wrong} reported as fixed but still showing the old version`,
    a.awaitingWindow > 0 && `${a.awaitingWindow} to be fixed automatically in the next patching window`,
  ].filter(Boolean);
  return `Affects ${serversAtRisk(a)} of your servers: ${parts.join(', ')}.`;
}

/** "What is at risk": the advisories that still hit the customer's servers, the most urgent first. */
export function OverviewRisk({ advisories }: { advisories: CustomerReportAdvisory[] }) {
  const atRisk = advisories.filter((a) => serversAtRisk(a) > 0).sort(byUrgency);
  const handled = advisories.filter((a) => serversAtRisk(a) === 0 && a.compensated + a.acceptedRisk + a.notApplicable > 0);
  return (
    <section aria-labelledby="risk-title" data-testid="overview-risk">
      <h2 id="risk-title">What is at risk</h2>
      {atRisk.length === 0 ? (
        <p className="empty">Nothing is at risk right now: no known security advisory is open on your servers.</p>
      ) : (
        <ul className="overview-list">
          {atRisk.map((a) => (
            <li key={a.advisory.id} className={a.overdue > 0 ? 'overview-item overdue' : 'overview-item'} data-testid="overview-advisory">
              <p>
                <strong>{a.advisory.title}</strong> <span className="muted">(<Link to={advisoryPath(a.advisory.id)}>{a.advisory.id}</Link>)</span>{' '}
                {(a.advisory.severity || a.advisory.localRating) && (
                  <AdvisorySeverity severity={a.advisory.severity} localRating={a.advisory.localRating ? { rating: a.advisory.localRating.rating, by: null, at: null } : null} />
                )}
              </p>
              <p data-testid="overview-advisory-risk">{riskSentence(a)}</p>
              <details>
                <summary>Which servers</summary>
                <ul className="overview-hosts">
                  {a.hosts.map((h) => (
                    <li key={h.id} data-testid="overview-host" className={stillAtRisk(h) ? undefined : 'muted'}>
                      <Link to={`/hosts/${h.id}`}>{h.name}</Link>: {plainStatus(h)}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
      {handled.length > 0 && (
        <p className="muted" data-testid="overview-handled">
          Known and handled otherwise: {handled.map((a) => a.advisory.title).join('; ')}.
        </p>
      )}
    </section>
  );
}
