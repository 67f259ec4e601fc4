// The shapes of Steward's advisory and exposure API (src/advisories on the server).
import type { HostClassification, PolicyRef, StatusCounts } from '../remediation/types';

export interface LocalRating {
  rating: string;
  by: string | null;
  at: string | null;
}

export interface AdvisorySummary {
  /** DSA-5380-1, DLA-3356-1, USN-2169-1… */
  id: string;
  source: 'debian' | 'ubuntu';
  title: string;
  /** A date (or date-time), when the feed gives one. */
  issued: string | null;
  /** The feed's own rating (Debian urgency, Ubuntu priority), as given. */
  severity: string | null;
  localRating: LocalRating | null;
  withdrawn: boolean;
  cves: string[];
}

/** A list entry also says what the advisory covers. */
export interface AdvisoryListItem extends AdvisorySummary {
  covers: { releases: string[]; packages: string[] };
}

/** States of a package without a fix: every installed version is affected. `not-affected`: none is. */
export type FixState = 'fixed' | 'not-affected' | 'unfixed' | 'end-of-life' | 'no-dsa' | 'ignored' | 'postponed' | 'undetermined' | 'removed';

export interface CoveredPackage {
  release: string;
  kind: 'source' | 'binary';
  name: string;
  fixedVersion: string | null;
  state: FixState;
  note: string | null;
}

export interface AdvisoryDetail extends AdvisorySummary {
  description: string | null;
  packages: CoveredPackage[];
}

export type ExposureState = 'fixed-available' | 'unfixed';

/** An installed package an advisory hits. */
export interface ExposedPackage {
  package: string;
  arch: string;
  installedVersion: string;
  fixedVersion: string | null;
  state: ExposureState;
  /** A kernel installed but not running. */
  notRunning: boolean;
  openedAt: string;
}

/** A host an advisory hits now, with its state (remediation classifies it: policy, status, mark). */
export interface ReportHost extends HostClassification {
  id: number;
  name: string;
  tags: string[];
  release: string | null;
  packages: ExposedPackage[];
}

/** One patching policy's hosts of a customer; `policy` null: the hosts under none (patched by hand). */
export interface ReportPolicyGroup extends StatusCounts {
  policy: PolicyRef | null;
  /** The hosts affected now. */
  hosts: ReportHost[];
}

export interface ReportCustomerGroup {
  /** null: hosts of no customer. */
  customer: { id: number; name: string } | null;
  policies: ReportPolicyGroup[];
}

export interface AdvisoryReport extends StatusCounts {
  advisory: AdvisorySummary;
  /** Remediated ÷ ever affected; null when no host was ever affected. */
  portionRemediated: number | null;
  customers: ReportCustomerGroup[];
}

export interface HostAtRisk {
  host: { id: number; name: string; customerId: number | null; customerName: string | null; release: string | null; present: boolean; tags: string[] };
  advisories: number;
  unfixed: number;
  fixAvailable: number;
  /** The worst rating of its advisories (local, else upstream); null when none is rated. */
  worst: string | null;
}

export interface HostExposure extends ExposedPackage {
  id: number;
  advisory: string;
  title: string;
  severity: string | null;
  localRating: string | null;
}

export interface HostExposures {
  exposures: HostExposure[];
  notRunningKernels: HostExposure[];
  /** `apt-get install --only-upgrade …` for every package with a fix; null when none has one. */
  fixCommand: string | null;
}

export interface AdvisoryFeed {
  id: number;
  name: string;
  /** An http(s) URL, or a file or folder on the server. */
  location: string;
  format: string;
  /** The interval between fetches, as written: "6h", "90m". */
  every: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** What the last attempt failed with; cleared by the next success. */
  lastError: string | null;
  /** Advisories in the feed at its last import; null before the first. */
  advisoryCount: number | null;
  /** When the scheduled job fetches it next. */
  dueAt: string;
}
