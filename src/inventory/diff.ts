// What changed between the packages a host had and the packages it reports now. The comparison runs on
// package-version ids (each distinct tuple has one), so only the few changed packages need their details read.
import type { ReportedPackage } from './report.js';
import type { ChangeRow } from './store.js';

export interface IdDiff {
  /** Ids the host did not have. */
  addIds: number[];
  /** Ids the host no longer has. */
  removeIds: number[];
}

export function diffIds(reportedIds: number[], currentIds: number[]): IdDiff {
  const current = new Set(currentIds);
  const reported = new Set(reportedIds);
  return {
    addIds: reportedIds.filter((id) => !current.has(id)),
    removeIds: currentIds.filter((id) => !reported.has(id)),
  };
}

export interface PackageChanges {
  changes: ChangeRow[];
  added: number;
  removed: number;
  upgraded: number;
}

const slot = (p: ReportedPackage) => `${p.name}\u0000${p.arch}`;

/** Pairs what left and what arrived by (name, arch): a pair is an upgrade (or any version change), the rest are
 *  plain additions and removals. */
export function describeChanges(arrived: ReportedPackage[], left: ReportedPackage[]): PackageChanges {
  const leaving = new Map(left.map((p) => [slot(p), p]));
  const result: PackageChanges = { changes: [], added: 0, removed: 0, upgraded: 0 };
  for (const p of arrived) {
    const old = leaving.get(slot(p));
    leaving.delete(slot(p));
    if (old) {
      result.upgraded++;
      result.changes.push({ change: 'upgraded', name: p.name, arch: p.arch, oldVersion: old.version, newVersion: p.version });
    } else {
      result.added++;
      result.changes.push({ change: 'added', name: p.name, arch: p.arch, oldVersion: null, newVersion: p.version });
    }
  }
  for (const old of leaving.values()) {
    result.removed++;
    result.changes.push({ change: 'removed', name: old.name, arch: old.arch, oldVersion: old.version, newVersion: null });
  }
  return result;
}
