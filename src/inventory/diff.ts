// What changed between the packages a host had and the packages it reports now.
import type { ReportedPackage } from './report.js';
import { packageKey, type ChangeRow } from './store.js';

export interface CurrentPackage extends ReportedPackage {
  id: number;
}

export interface PackageDiff {
  /** Packages to link to the host: new ones and the new side of upgrades. */
  toAdd: ReportedPackage[];
  /** Package-version ids to unlink: removed ones and the old side of upgrades. */
  toRemove: number[];
  changes: ChangeRow[];
  added: number;
  removed: number;
  upgraded: number;
}

const slot = (p: ReportedPackage) => `${p.name}\u0000${p.arch}`;

export function diffPackages(current: CurrentPackage[], reported: ReportedPackage[]): PackageDiff {
  const before = new Map(current.map((p) => [slot(p), p]));
  const diff: PackageDiff = { toAdd: [], toRemove: [], changes: [], added: 0, removed: 0, upgraded: 0 };
  for (const p of reported) {
    const old = before.get(slot(p));
    before.delete(slot(p));
    if (!old) {
      diff.toAdd.push(p);
      diff.added++;
      diff.changes.push({ change: 'added', name: p.name, arch: p.arch, oldVersion: null, newVersion: p.version });
    } else if (packageKey(old) !== packageKey(p)) {
      diff.toAdd.push(p);
      diff.toRemove.push(old.id);
      diff.upgraded++;
      // A changed source alone (a rebuild) also counts: the advisory match depends on it.
      diff.changes.push({ change: 'upgraded', name: p.name, arch: p.arch, oldVersion: old.version, newVersion: p.version });
    }
  }
  for (const old of before.values()) {
    diff.toRemove.push(old.id);
    diff.removed++;
    diff.changes.push({ change: 'removed', name: old.name, arch: old.arch, oldVersion: old.version, newVersion: null });
  }
  diff.changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return diff;
}
