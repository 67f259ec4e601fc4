import { ratingLevel } from './ratings';

/** A rating word, coloured by its level so the worst stand out in a long table. */
export function RatingBadge({ rating, title }: { rating: string; title?: string }) {
  return (
    <span className={`rating rating-${ratingLevel(rating) ?? 'unknown'}`} title={title}>
      {rating}
    </span>
  );
}
