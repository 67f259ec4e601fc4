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
  const sinceOf = new Map(previous.ids.map((id, i) => [id, previous.since[i]!]));
  const now = Math.floor(at.getTime() / 1000);
  const ids = [...new Set(reportedIds)].sort((a, b) => a - b);
  return { ids, since: ids.map((id) => sinceOf.get(id) ?? now) };
}
