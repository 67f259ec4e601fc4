/** The ratings a sysadmin may give, lowest to highest, as the server accepts them (src/advisories/service.ts). */
export const ratings = ['negligible', 'low', 'medium', 'high', 'critical'] as const;
type Rating = (typeof ratings)[number];

/**
 * The level of a rating as feeds spell it: Debian's tracker marks some urgencies with asterisks ("medium**") and
 * calls the lowest "unimportant"; anything else ("not yet assigned") has no level.
 */
export function ratingLevel(rating: string): Rating | undefined {
  const r = rating.toLowerCase().replace(/\*+$/, '');
  if (r === 'unimportant') return 'negligible';
  return ratings.find((level) => level === r);
}
