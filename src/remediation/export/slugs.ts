// File-safe names for customers and tags, whose names are free text ("Acme AG", "prod/eu"): lower-case ASCII letters
// and digits joined by single dashes, at most 63 characters ("acme-ag", "prod-eu"). Names that give the same slug
// share it by age: the oldest (lowest id) keeps the plain slug, the others get their id appended ("acme-ag-17"), so a
// new customer never renames the files of an existing one. A name with no letter or digit at all becomes
// "customer-<id>" or "tag-<id>".

const maxSlugLength = 63;

/** The plain slug of a name; '' when it has no ASCII letter or digit (after dropping accents). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxSlugLength)
    .replace(/-+$/, '');
}

/** A unique slug for each item, by the rules above; the same items give the same slugs in any order. */
export function assignSlugs(items: readonly { id: number; name: string }[], fallback: 'customer' | 'tag'): Map<number, string> {
  const byAge = [...items].sort((a, b) => a.id - b.id);
  const out = new Map<number, string>();
  const taken = new Set<string>();
  const later: { id: number; base: string }[] = [];
  for (const item of byAge) {
    const base = slugify(item.name);
    if (base !== '' && !taken.has(base)) {
      taken.add(base);
      out.set(item.id, base);
    } else later.push({ id: item.id, base: base || fallback });
  }
  // Plain slugs are all taken first, so that "acme-17" (a name) keeps its slug even if "Acme" #17 sorts before it.
  for (const { id, base } of later) {
    let slug = `${base.slice(0, maxSlugLength - String(id).length - 1)}-${id}`;
    while (taken.has(slug)) slug = `${slug}-${id}`;
    taken.add(slug);
    out.set(id, slug);
  }
  return out;
}
