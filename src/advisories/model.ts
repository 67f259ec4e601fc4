// What every advisory importer produces, whatever the feed's format: advisories with, per release and package, the
// fixed version or why there is none. The store, the matcher and `steward scan` work on this shape only.

export type AdvisorySource = 'debian' | 'ubuntu';

/**
 * Per release and package: `fixed` (hosts below `fixedVersion` are affected), `not-affected` (none are), or a state
 * without a fix — every installed version is affected: `unfixed` (open), `end-of-life` (the release is no longer
 * supported for it), `no-dsa`, `ignored`, `postponed` (the security team decided not to fix it by an advisory, or
 * not yet), `undetermined`, `removed` (the package left the release; an installed copy keeps the flaw).
 */
export type FixState = 'fixed' | 'not-affected' | 'unfixed' | 'end-of-life' | 'no-dsa' | 'ignored' | 'postponed' | 'undetermined' | 'removed';

/** States under which every installed version is affected: there is no fixed version to upgrade to. */
export const withoutFix: ReadonlySet<FixState> = new Set(['unfixed', 'end-of-life', 'no-dsa', 'ignored', 'postponed', 'undetermined', 'removed']);

export interface AdvisoryPackage {
  /** Release codename: bookworm, jammy… */
  release: string;
  /** A source package (Debian's lists and tracker, Ubuntu's `sources`) or a binary one (Ubuntu's `binaries`). */
  kind: 'source' | 'binary';
  name: string;
  /** Set exactly when `state` is `fixed`. */
  fixedVersion: string | null;
  state: FixState;
  /** Free text the feed gives with the state (`<no-dsa> (Minor issue)` → "Minor issue"). */
  note?: string;
}

export interface ParsedAdvisory {
  /** DSA-5380-1, DLA-3356-1, USN-2169-1, CVE-2023-1393… */
  id: string;
  source: AdvisorySource;
  title: string;
  description?: string;
  /** ISO 8601 date (or date-time) of publication, when the feed gives one. */
  issued?: string;
  cves: string[];
  /** The feed's own rating (Debian urgency, Ubuntu priority), as given. */
  severity?: string;
  packages: AdvisoryPackage[];
}

export interface ParsedFeed {
  advisories: ParsedAdvisory[];
  /** Records left out on purpose, counted by reason (an OSV record of an unknown ecosystem…): not errors. */
  skipped: Record<string, number>;
  /** Ids of advisories the feed says are withdrawn (OSV `withdrawn`): their exposures close. */
  withdrawn?: string[];
}

/** Input a feed cannot be read from; `where` names the line, record or JSON path. Nothing of the feed is used. */
export class FeedFormatError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'FeedFormatError';
  }
}
