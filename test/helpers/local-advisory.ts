// An advisory that hits this very machine: for end-to-end tests that report this machine with the agent and need a
// real exposure. dpkg is the oracle for both what is installed and how versions order.
import { execFileSync } from 'node:child_process';
import { dpkgInstalledRows } from './dpkg.js';

export interface LocalAdvisory {
  id: string;
  release: string;
  cve: string;
  /** The source package the advisory names, and its one installed binary (through which the host matches). */
  source: string;
  binary: string;
  arch: string;
  installedVersion: string;
  /** Above the installed source version, so that the host is affected with a fix available. */
  fixedVersion: string;
  /** A DSA list holding this advisory and one naming a package this machine does not have. */
  dsaList: string;
  /** The id of that other advisory, which affects no host. */
  otherId: string;
}

/**
 * Picks an installed source package with exactly one binary of the same name (not a kernel: kernels count only when
 * running), so that the advisory opens exactly one exposure and the fix command names exactly that binary.
 */
export function localAdvisory(release: string): LocalAdvisory {
  const rows = dpkgInstalledRows().map((r) => {
    const [name, version, source, sourceVersion, arch] = r.split(' ') as [string, string, string, string, string];
    return { name, version, source, sourceVersion, arch };
  });
  const binariesOf = new Map<string, number>();
  for (const r of rows) binariesOf.set(r.source, (binariesOf.get(r.source) ?? 0) + 1);
  const pick = rows.find((r) => r.name === r.source && binariesOf.get(r.source) === 1 && !r.name.startsWith('linux-'));
  if (!pick) throw new Error('no installed source package with a single binary of the same name');
  const fixedVersion = `${pick.sourceVersion}+steward1`;
  // Throws unless dpkg itself orders the installed version below the fixed one.
  execFileSync('dpkg', ['--compare-versions', pick.sourceVersion, 'lt', fixedVersion]);
  const id = 'DSA-9999-1';
  const cve = 'CVE-2099-41234';
  const otherId = 'DSA-9998-1';
  const dsaList = [
    `[24 Nov 2026] ${id} ${pick.source} - security update`,
    `\t{${cve}}`,
    `\t[${release}] - ${pick.source} ${fixedVersion}`,
    `[23 Nov 2026] ${otherId} steward-not-installed - security update`,
    '\t{CVE-2099-41233}',
    `\t[${release}] - steward-not-installed 1.0-1`,
    '',
  ].join('\n');
  return { id, release, cve, source: pick.source, binary: pick.name, arch: pick.arch, installedVersion: pick.version, fixedVersion, dsaList, otherId };
}
