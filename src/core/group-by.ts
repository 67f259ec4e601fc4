// Items grouped by a key, in the order they come: what reports, stores and exports do to rows again and again.

/** Groups by `key`, keeping each item (or `value` of it) in the order met; one pass, no copying of the groups. */
export function groupBy<T, K, V = T>(items: Iterable<T>, key: (item: T) => K, value: (item: T) => V = (item) => item as unknown as V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(value(item));
    else out.set(k, [value(item)]);
  }
  return out;
}
