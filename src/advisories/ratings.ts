// How bad an advisory is: the ratings a sysadmin may give, and an order over feeds' own words for it.

/** Ratings a sysadmin may give, lowest to highest (Debian's urgencies and Ubuntu's priorities fit in). */
export const ratings = ['negligible', 'low', 'medium', 'high', 'critical'];

export const rank = (rating: string | null) => {
  const r = rating?.toLowerCase().replace(/\*+$/, '') ?? '';
  if (r === 'unimportant') return 0;
  const i = ratings.indexOf(r);
  return i < 0 ? 1.5 : i; // unrated: between low and medium
};

export const worstRating = (list: (string | null)[]) => list.reduce<string | null>((w, r) => (w === null || rank(r) > rank(w) ? r : w), null);
