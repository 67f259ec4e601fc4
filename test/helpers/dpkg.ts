// dpkg itself as the oracle for what is installed: `dpkg-query` on this machine's database, or on a status file
// of the test's own (through --admindir). Rows are `name version source sourceVersion arch`, sorted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportedPackage } from '../../src/inventory/report.js';

export const hasDpkgQuery = (() => {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const packageRow = (p: ReportedPackage): string => `${p.name} ${p.version} ${p.source} ${p.sourceVersion} ${p.arch}`;

/** The installed packages dpkg-query lists, as sorted `packageRow`s. */
export function dpkgInstalledRows(admindir?: string): string[] {
  const format = '${db:Status-Status}\\t${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${Architecture}\\n';
  const args = [...(admindir ? [`--admindir=${admindir}`] : []), '-W', '-f', format];
  return execFileSync('dpkg-query', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f[0] === 'installed')
    .map((f) => f.slice(1).join(' '))
    .sort();
}

/** A dpkg admin directory holding `status`, so dpkg-query can read text that is not this machine's. */
export function adminDirWith(status: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-dpkg-'));
  writeFileSync(join(dir, 'status'), status);
  return dir;
}
