// The digest of a package set: SHA-256 over the normalized (sorted) package tuples. The server computes it for
// full reports; the agent computes it for the sets it describes in differential reports. Both use this function.
import { createHash } from 'node:crypto';
import type { ReportedPackage } from './report.js';

export const packageKey = (p: ReportedPackage): string => `${p.name}\t${p.arch}\t${p.version}\t${p.source}\t${p.sourceVersion}`;

/** `keys` are the packages' `packageKey`s in normalized order. */
export const digestOfKeys = (keys: string[]): string => createHash('sha256').update(keys.join('\n')).digest('hex');

export const packagesDigest = (packages: ReportedPackage[]): string => digestOfKeys(packages.map(packageKey));
