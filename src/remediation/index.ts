// The remediation module's door: what the server, the CLI and other modules may use.
import type { Db } from '../core/db/database.js';
import type { InventoryService } from '../inventory/index.js';
import type { AdvisoryService } from '../advisories/index.js';
import { MarkService, MarkStore } from './marks/index.js';
import { PolicyService } from './policies/service.js';
import { PolicyStore } from './policies/store.js';
import { remediationClassifier } from './classify.js';
import { CustomerReports } from './customer-report.js';

// ---- remediation marks ----
export { markMigrations, markStates, registerMarkRoutes, MarkService, type MarkState, type MarkRow, type NewMarks, type MarkTarget } from './marks/index.js';

// ---- patching policies ----
// Stable for other modules (documented at the top of policies/service.ts): PolicyService.policyOfHosts, .policiesFor,
// .nextWindow, .awaitingUntil, .listPolicies, and the pure functions below.
export { policyMigrations } from './policies/schema.js';
export { registerPolicyRoutes } from './policies/routes.js';
export { PolicyService } from './policies/service.js';
export type { Policy, ResolvedPolicy, PolicyVia, PolicyView, PolicyDetail, HostPolicy, WindowView, AssignmentTarget, CustomerRef } from './policies/service.js';
export { policyModes, installChoices, type PolicyInput, type PolicyMode, type Installs, type WindowKind } from './policies/definition.js';
export { awaitingUntil, policyWindow, type PolicyTiming } from './policies/timing.js';
export { nextWindow, windowsBetween, weekdays, type Window, type WindowRule, type RuleInput, type Weekday } from './policies/windows.js';
export { parseRuleText, ruleText } from './policies/rule-text.js';

export { remediationClassifier } from './classify.js';

// ---- the customer's view ----
export { CustomerReports, type DoneItem } from './customer-report.js';
export { registerCustomerReportRoutes } from './customer-routes.js';

// ---- the Puppet export (docs/puppet-export.md) ----
export { ExportService, exportMarker, type HieraExportSummary, type SkippedHost } from './export/service.js';
export { registerExportRoutes } from './export/routes.js';
export { certnameOf, validateCertname } from './export/certname.js';
export { defaultEnvironment, type EncAnswer } from './export/enc.js';
export type { HieraData, HieraWindow, PatchingParameters } from './export/hiera.js';

export interface Remediation {
  marks: MarkService;
  policies: PolicyService;
  customerReports: CustomerReports;
}

/** Marks and policies on one database; from then on the advisory reports say each host's policy and state. */
export function createRemediation(db: Db, inventory: InventoryService, advisories: AdvisoryService): Remediation {
  const marks = new MarkService(new MarkStore(db), inventory, advisories);
  const policies = new PolicyService(new PolicyStore(db), inventory);
  advisories.reports.setClassifier(remediationClassifier(marks, policies));
  return { marks, policies, customerReports: new CustomerReports(inventory, advisories, policies, marks) };
}
