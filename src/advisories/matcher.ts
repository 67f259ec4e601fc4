// Which advisories hit an installed package, decided once per distinct (release, package tuple) and reused for every
// host that has that tuple. Debian advisories name source packages: an installed binary matches through its source
// (dpkg's `Source:`, else its own name) at the source version, which may differ from the binary's (binNMUs). Ubuntu
// notices also name binaries: where an advisory names this binary, its binary version decides.
import { type AdvisoryPackage, withoutFix } from './model.js';
import { compareVersions } from './version.js';

export interface IndexedEntry extends Pick<AdvisoryPackage, 'fixedVersion' | 'state'> {
  /** The advisory's row id. */
  advisory: number;
}

export interface PackageTuple {
  name: string;
  version: string;
  arch: string;
  source: string;
  sourceVersion: string;
}

export interface Finding {
  advisory: number;
  fixedVersion: string | null;
  state: 'fixed-available' | 'unfixed';
}

const key = (release: string, kind: 'source' | 'binary', name: string) => `${release}\u0000${kind}\u0000${name}`;

/** Advisory entries by (release, kind, package name): what evaluating a tuple looks up. */
export class AdvisoryIndex {
  private readonly entries = new Map<string, IndexedEntry[]>();
  /** advisory → the keys it has entries under: removing one advisory touches only its keys. */
  private readonly keysOf = new Map<number, Set<string>>();

  /** How many (release, kind, name) keys it holds. */
  get size(): number {
    return this.entries.size;
  }

  add(release: string, kind: 'source' | 'binary', name: string, entry: IndexedEntry): void {
    const k = key(release, kind, name);
    const list = this.entries.get(k);
    if (list) list.push(entry);
    else this.entries.set(k, [entry]);
    const keys = this.keysOf.get(entry.advisory);
    if (keys) keys.add(k);
    else this.keysOf.set(entry.advisory, new Set([k]));
  }

  /** Drops every entry of these advisories (before their new revision is added). */
  remove(advisories: ReadonlySet<number>): void {
    for (const advisory of advisories) {
      for (const k of this.keysOf.get(advisory) ?? []) {
        const kept = this.entries.get(k)!.filter((e) => e.advisory !== advisory);
        if (kept.length === 0) this.entries.delete(k);
        else this.entries.set(k, kept);
      }
      this.keysOf.delete(advisory);
    }
  }

  /** The advisories that affect this installed package on this release. */
  evaluate(release: string, p: PackageTuple): Finding[] {
    const byBinary = this.entries.get(key(release, 'binary', p.name)) ?? [];
    const bySource = this.entries.get(key(release, 'source', p.source)) ?? [];
    const findings: Finding[] = [];
    const decided = new Set<number>();
    for (const e of byBinary) {
      decided.add(e.advisory);
      const f = judge(e, p.version);
      if (f) findings.push(f);
    }
    for (const e of bySource) {
      if (decided.has(e.advisory)) continue;
      const f = judge(e, p.sourceVersion);
      if (f) findings.push(f);
    }
    return findings;
  }
}

function judge(e: IndexedEntry, installed: string): Finding | undefined {
  if (e.state === 'not-affected') return undefined;
  if (withoutFix.has(e.state)) return { advisory: e.advisory, fixedVersion: null, state: 'unfixed' };
  // Fixed versions are checked on import; an installed version dpkg itself would refuse cannot be ordered, and
  // is not guessed at: compareVersions throws, and the caller reports the package.
  return compareVersions(installed, e.fixedVersion!) < 0 ? { advisory: e.advisory, fixedVersion: e.fixedVersion, state: 'fixed-available' } : undefined;
}

const kernelPackage = /^linux-(?:image|modules|modules-extra)-(?:unsigned-)?(\d[\w.+~-]*)$/;

/** For a kernel image or modules package, whether it is the running kernel; undefined for any other package. */
export function isRunningKernel(packageName: string, runningKernel: string | null): boolean | undefined {
  const m = kernelPackage.exec(packageName);
  if (!m) return undefined;
  return m[1] === runningKernel;
}
