// A host's installed packages as one value: the ids of its package versions (ascending) and, aligned, the time
// (unix seconds) each was first seen at that version. One row per host instead of one per package makes a report
// one small write instead of 1,500 (measured on SQLite: 0.1 ms against 3–20 ms), and the set is what both the
// diff of the next report and the advisory matcher need whole anyway.

export interface PackageSet {
  ids: number[];
  since: number[];
}

export function encodeSet(set: PackageSet): { version_ids: Buffer; since: Buffer } {
  const ids = Buffer.allocUnsafe(set.ids.length * 4);
  const since = Buffer.allocUnsafe(set.since.length * 4);
  set.ids.forEach((id, i) => ids.writeInt32LE(id, i * 4));
  set.since.forEach((s, i) => since.writeUInt32LE(s, i * 4));
  return { version_ids: ids, since };
}

export function decodeSet(row: { version_ids: Uint8Array; since: Uint8Array }): PackageSet {
  const ids = Buffer.from(row.version_ids.buffer, row.version_ids.byteOffset, row.version_ids.byteLength);
  const since = Buffer.from(row.since.buffer, row.since.byteOffset, row.since.byteLength);
  const out: PackageSet = { ids: new Array<number>(ids.length / 4), since: new Array<number>(since.length / 4) };
  for (let i = 0; i < out.ids.length; i++) {
    out.ids[i] = ids.readInt32LE(i * 4);
    out.since[i] = since.readUInt32LE(i * 4);
  }
  return out;
}

/** The new set after a report: kept packages keep their `since`, new ones get `at`. Ids come out ascending. */
export function nextSet(previous: PackageSet, reportedIds: number[], at: Date): PackageSet {
  const now = Math.floor(at.getTime() / 1000);
  const ids = Int32Array.from(reportedIds).sort();
  const out: PackageSet = { ids: [], since: [] };
  // Both lists ascend: one merge pass carries each kept package's `since` over.
  let j = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (i > 0 && id === ids[i - 1]) continue;
    while (j < previous.ids.length && previous.ids[j]! < id) j++;
    out.ids.push(id);
    out.since.push(j < previous.ids.length && previous.ids[j] === id ? previous.since[j]! : now);
  }
  return out;
}

/** Whether the (ascending) set holds `id`. */
export function hasId(set: PackageSet, id: number): boolean {
  let lo = 0;
  let hi = set.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set.ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Only the ids of a stored set (what matching needs), without the times. */
export function decodeIds(versionIds: Uint8Array): number[] {
  const view = Buffer.from(versionIds.buffer, versionIds.byteOffset, versionIds.byteLength);
  const ids = new Array<number>(view.length / 4);
  for (let i = 0; i < ids.length; i++) ids[i] = view.readInt32LE(i * 4);
  return ids;
}
