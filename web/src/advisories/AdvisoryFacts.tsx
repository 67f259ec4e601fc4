import { AdvisorySeverity } from './AdvisorySeverity';
import { issuedDate } from './issuedDate';
import { RatingEditor } from './RatingEditor';
import type { AdvisoryDetail } from './types';
import { WithdrawnBadge } from './WithdrawnBadge';

const sourceNames = { debian: 'Debian', ubuntu: 'Ubuntu' };

interface Props {
  advisory: AdvisoryDetail;
  /** Staff may rate; customer users only see the rating. */
  canRate: boolean;
  onRated: () => void;
}

export function AdvisoryFacts({ advisory, canRate, onRated }: Props) {
  return (
    <header className="host-header">
      <h1 data-testid="advisory-title">
        {advisory.id}: {advisory.title} <WithdrawnBadge withdrawn={advisory.withdrawn} />
      </h1>
      <dl className="facts">
        <dt>Source</dt>
        <dd>{sourceNames[advisory.source]}</dd>
        <dt>Issued</dt>
        <dd>{issuedDate(advisory.issued)}</dd>
        <dt>CVEs</dt>
        <dd className="mono" data-testid="advisory-cves">
          {advisory.cves.length ? advisory.cves.join(' ') : '—'}
        </dd>
        <dt>Severity</dt>
        <dd>
          <AdvisorySeverity severity={advisory.severity} localRating={advisory.localRating} />
          {canRate && <RatingEditor advisoryId={advisory.id} current={advisory.localRating} onSaved={onRated} />}
        </dd>
      </dl>
      {advisory.description && <p className="description">{advisory.description}</p>}
    </header>
  );
}
