// Narrowing an advisory's report to some hosts — by customer, tag, policy or state — to read them or to select
// them for a mark. Done in the browser over the one report already loaded: no request per filter.
import type { HostStatus } from '../remediation/types';
import type { AdvisoryReport, ReportCustomerGroup, ReportHost, ReportPolicyGroup } from './types';

export interface ReportFilter {
  /** A customer id, or "none" for hosts of no customer. */
  customer: string;
  tag: string;
  /** A policy id, or "none" for hosts under no policy. */
  policy: string;
  status: '' | HostStatus;
}

export const noFilter: ReportFilter = { customer: '', tag: '', policy: '', status: '' };
const keys = ['customer', 'tag', 'policy', 'status'] as const;

export const readReportFilter = (params: URLSearchParams): ReportFilter => ({
  customer: params.get('customer') ?? '',
  tag: params.get('tag') ?? '',
  policy: params.get('policy') ?? '',
  status: (params.get('status') ?? '') as ReportFilter['status'],
});

export function writeReportFilter(params: URLSearchParams, filter: ReportFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of keys) {
    if (filter[key]) next.set(key, filter[key]);
    else next.delete(key);
  }
  return next;
}

export const hasReportFilter = (f: ReportFilter): boolean => keys.some((k) => f[k] !== '');

export const customerKey = (g: ReportCustomerGroup): string => (g.customer ? String(g.customer.id) : 'none');
export const policyKey = (p: ReportPolicyGroup): string => (p.policy ? String(p.policy.id) : 'none');

export interface ShownPolicyGroup {
  key: string;
  group: ReportPolicyGroup;
  /** The group's hosts that pass the filter, in the report's order. */
  hosts: ReportHost[];
}

export interface ShownCustomerGroup {
  key: string;
  group: ReportCustomerGroup;
  policies: ShownPolicyGroup[];
  /** Every shown host of the customer, across its policies. */
  hosts: ReportHost[];
}

export interface ShownReport {
  customers: ShownCustomerGroup[];
  hosts: ReportHost[];
}

/** The groups and hosts that pass the filter; groups left without hosts go, unless nothing narrows them. */
export function filterReport(report: AdvisoryReport, f: ReportFilter): ShownReport {
  const keep = (h: ReportHost) => (!f.tag || h.tags.includes(f.tag)) && (!f.status || h.status === f.status);
  const narrowed = hasReportFilter(f);
  const customers: ShownCustomerGroup[] = [];
  for (const group of report.customers) {
    const key = customerKey(group);
    if (f.customer && f.customer !== key) continue;
    const policies: ShownPolicyGroup[] = [];
    for (const p of group.policies) {
      if (f.policy && f.policy !== policyKey(p)) continue;
      const hosts = f.tag || f.status ? p.hosts.filter(keep) : p.hosts;
      if (hosts.length > 0 || !narrowed) policies.push({ key: policyKey(p), group: p, hosts });
    }
    if (policies.length > 0) customers.push({ key, group, policies, hosts: policies.flatMap((p) => p.hosts) });
  }
  return { customers, hosts: customers.flatMap((c) => c.hosts) };
}

/** The choices of each filter: what the report's hosts have. */
export function filterOptions(report: AdvisoryReport) {
  const tags = new Set<string>();
  const policies = new Map<string, string>();
  for (const c of report.customers) {
    for (const p of c.policies) {
      policies.set(policyKey(p), p.policy ? p.policy.name : 'No policy (patched by hand)');
      for (const h of p.hosts) for (const t of h.tags) tags.add(t);
    }
  }
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return {
    customers: report.customers.map((c) => ({ value: customerKey(c), label: c.customer?.name ?? 'No customer' })),
    tags: [...tags].map((t) => ({ value: t, label: t })).sort(byLabel),
    policies: [...policies].map(([value, label]) => ({ value, label })).sort(byLabel),
  };
}
