// The package entries of one advisory as an importer gathers them. Names, releases and versions are checked here, once
// for every format: a version dpkg would refuse could never be compared with an installed one. A package listed twice
// must say the same thing both times (USN JSON repeats binaries in `binaries` and `allbinaries`); two different
// answers for one package would make any match a guess.
import { FeedFormatError, type AdvisoryPackage, type FixState } from '../model.js';
import { parseVersion } from '../version.js';

// Debian Policy §5.6.1: lower case letters, digits, `+`, `-`, `.`; at least two characters, starting alphanumeric.
const packageName = /^[a-z0-9][a-z0-9+.-]+$/;
const releaseName = /^[a-z][a-z0-9-]*$/;

export interface PackageRef {
  release: string;
  kind: AdvisoryPackage['kind'];
  name: string;
}

export type NoFixState = Exclude<FixState, 'fixed'>;

export class PackageList {
  private readonly entries = new Map<string, AdvisoryPackage>();

  /** Adds a package fixed at `version` (checked as dpkg would). */
  fixed(ref: PackageRef, version: string, where: string, note?: string): void {
    try {
      parseVersion(version);
    } catch (e) {
      throw new FeedFormatError(`${ref.name} in ${ref.release}: ${(e as Error).message}`, where);
    }
    this.add({ ...ref, fixedVersion: version.trim(), state: 'fixed' }, where, note);
  }

  /** Adds a package in a state without a fixed version. */
  without(ref: PackageRef, state: NoFixState, where: string, note?: string): void {
    this.add({ ...ref, fixedVersion: null, state }, where, note);
  }

  get packages(): AdvisoryPackage[] {
    return [...this.entries.values()];
  }

  private add(pkg: AdvisoryPackage, where: string, note: string | undefined): void {
    if (!releaseName.test(pkg.release)) throw new FeedFormatError(`invalid release name ${JSON.stringify(pkg.release)}: expected a codename like bookworm`, where);
    if (!packageName.test(pkg.name)) throw new FeedFormatError(`invalid package name ${JSON.stringify(pkg.name)}`, where);
    if (note) pkg.note = note;
    const key = `${pkg.release}\0${pkg.kind}\0${pkg.name}`;
    const known = this.entries.get(key);
    if (!known) {
      this.entries.set(key, pkg);
      return;
    }
    if (known.state !== pkg.state || known.fixedVersion !== pkg.fixedVersion || known.note !== pkg.note) {
      throw new FeedFormatError(
        `${pkg.kind} package ${pkg.name} in ${pkg.release} is listed twice, saying different things (${describe(known)}, then ${describe(pkg)})`,
        where,
      );
    }
  }
}

const describe = (p: AdvisoryPackage) => `${p.fixedVersion === null ? p.state : `fixed in ${p.fixedVersion}`}${p.note ? ` (${p.note})` : ''}`;
