// The shapes of Steward's remediation API (src/remediation on the server): marks, patching policies, the customer
// report.

/** A host's state on an advisory, as the reports say it. */
export type HostStatus = 'open' | 'awaiting-window' | 'overdue' | 'patched' | 'compensated' | 'accepted-risk' | 'not-applicable';

export const markStates = ['patched', 'compensated', 'accepted-risk', 'not-applicable'] as const;
export type MarkState = (typeof markStates)[number];
export type MarkScope = 'host' | 'customer' | 'customer-tag';

/** The mark a host's state comes from, as a report gives it. */
export interface MarkSummary {
  id: number;
  state: MarkState;
  scope: MarkScope;
  /** The tag of a customer-tag mark. */
  tag: string | null;
  justification: string;
  by: string;
  at: string;
  expiresAt: string | null;
}

/** What a report says of a host's state: its policy, its status and what explains it. */
export interface HostClassification {
  policy: PolicyRef | null;
  status: HostStatus;
  mark?: MarkSummary | null;
  /** Marked patched, but a report after the mark still shows the vulnerable version. */
  contradiction?: boolean;
  /** Marked patched by hand, not yet confirmed by a report. */
  provisional?: boolean;
  /** Under an automatic policy: when the host is due to have patched. */
  awaitingUntil?: string | null;
}

/** A mark as the marks API lists it. */
export interface MarkRow {
  id: number;
  advisory: string;
  scope: MarkScope;
  state: MarkState;
  justification: string;
  host_id: number | null;
  customer_id: number | null;
  tag: string | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  removed_by: string | null;
  removed_at: string | null;
}

/** How many hosts are in each state (every report level has them). */
export interface StatusCounts {
  affectedNow: number;
  everAffected: number;
  remediated: number;
  open: number;
  awaitingWindow: number;
  overdue: number;
  patched: number;
  compensated: number;
  acceptedRisk: number;
  notApplicable: number;
}

// ---- patching policies ----

export type PolicyMode = 'automatic' | 'manual';
export type Installs = 'security' | 'all';
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export type WindowRule =
  | { kind: 'daily'; at: string; minutes: number }
  | { kind: 'weekly'; days: Weekday[]; at: string; minutes: number }
  | { kind: 'cron'; expression: string; minutes: number };

export interface PolicyRef {
  id: number;
  name: string;
  mode: string;
}

export interface CustomerRef {
  id: number;
  name: string;
}

/** Through which assignment a host follows a policy; `tag` null: the customer-wide one. */
export interface Assignment {
  customer: CustomerRef;
  tag: string | null;
}

export interface Policy {
  id: number;
  name: string;
  mode: PolicyMode;
  timeZone: string;
  installs: Installs;
  patchWindow: WindowRule | null;
  rebootWindow: WindowRule | null;
  /** As text: 1d, 12h, 0m. */
  deadline: string;
  deadlineMs: number;
  assignments: Assignment[];
  createdAt: string;
  updatedAt: string;
}

/** An instant range, ISO 8601. */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface PolicyDetail extends Policy {
  upcoming: { patch: TimeWindow[]; reboot: TimeWindow[] };
}

export interface HostPolicy {
  policy: Policy | null;
  via: Assignment | null;
  nextPatchWindow: TimeWindow | null;
  nextRebootWindow: TimeWindow | null;
}

/** What a policy form sends. */
export interface PolicyInput {
  name: string;
  mode: PolicyMode;
  timeZone: string;
  installs: Installs;
  patchWindow: WindowRule | null;
  rebootWindow: WindowRule | null;
  deadline: string;
}

// ---- the customer report ----

export interface CustomerReportHost extends HostClassification {
  id: number;
  name: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Why the exposure closed: upgraded, removed, host-absent, advisory-withdrawn. */
  closeReason?: string | null;
}

export interface CustomerReportAdvisory extends StatusCounts {
  advisory: { id: string; source: 'debian' | 'ubuntu'; title: string; issued: string | null; severity: string | null; localRating: { rating: string } | null };
  hosts: CustomerReportHost[];
}

export interface CustomerReportSchedule {
  policy: { id: number; name: string; mode: PolicyMode; installs: Installs; timeZone: string };
  hosts: { id: number; name: string }[];
  nextPatchWindow: TimeWindow | null;
  nextRebootWindow: TimeWindow | null;
}

/** fixed: a report showed the fixed version; removed: the package went; else the state a mark set. */
export type DoneWhat = 'fixed' | 'removed' | 'patched' | 'compensated' | 'accepted-risk' | 'not-applicable';

export interface CustomerReportDone {
  at: string;
  advisory: { id: string; title: string | null };
  /** Null for a mark on the whole customer or one of its tags. */
  host: { id: number; name: string } | null;
  tag?: string | null;
  what: DoneWhat;
  by: string | null;
  justification: string | null;
}

export interface CustomerReport {
  customer: CustomerRef;
  generatedAt: string;
  hosts: number;
  hostsWithoutPolicy: number;
  totals: StatusCounts;
  advisories: CustomerReportAdvisory[];
  schedule: CustomerReportSchedule[];
  done: CustomerReportDone[];
}

/** One change of a mark, as its audit log keeps it: the mark as it was right after. */
export interface MarkAuditEntry {
  id: number;
  mark_id: number;
  action: 'created' | 'removed';
  actor: string;
  at: string;
  mark: MarkRow;
}
