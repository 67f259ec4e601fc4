import { utcTime } from '../core/time';
import { RatingBadge } from './RatingBadge';
import type { LocalRating } from './types';

function localRatingTitle(local: LocalRating): string {
  return `Local rating${local.by ? ` by ${local.by}` : ''}${local.at ? `, ${utcTime(local.at)}` : ''}`;
}

/** The feed's severity and, when a sysadmin set one, the local rating that overrides it here. */
export function AdvisorySeverity({ severity, localRating }: { severity: string | null; localRating: LocalRating | null }) {
  if (!severity && !localRating) return <span className="muted">unrated</span>;
  return (
    <span className="severity" data-testid="advisory-severity">
      {localRating && (
        <span>
          <RatingBadge rating={localRating.rating} title={localRatingTitle(localRating)} /> <span className="muted">local</span>
        </span>
      )}
      {severity && (
        <span className={localRating ? 'muted' : undefined}>
          <RatingBadge rating={severity} title="Severity given by the advisory's feed" />
          {localRating && ' upstream'}
        </span>
      )}
    </span>
  );
}
