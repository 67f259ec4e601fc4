// The Hiera documents of the Puppet export, pure: what a node's, a customer's and a customer tag's file says, and where
// each goes. The key layout (docs/puppet-export.md) is that of automatic parameter lookup for a class
// `steward::patching` — each `steward::patching::<name>` key is one of its parameters — plus `steward::customer`,
// `steward::tags` (node files) and `steward::tag` (tag files). Every file has every key of its kind; what a policy does
// not say is null, which Hiera finds as undef, so that a lower level of the hierarchy never fills it in.
//
//   nodes/<certname>.yaml                            one per host: its customer, its tags, the policy it follows
//   customers/<customer-slug>.yaml                   one per customer: its customer-wide policy (manual when none)
//   customers/<customer-slug>/tags/<tag-slug>.yaml   one per customer tag that has its own policy assignment
import { stringify } from 'yaml';
import type { Policy } from '../policies/service.js';
import { ruleText } from '../policies/rule-text.js';
import { durationText } from '../policies/durations.js';
import { weekdays, type WindowRule } from '../policies/windows.js';
import type { Installs, PolicyMode } from '../policies/definition.js';

/** The Puppet class whose parameters the `steward::patching::*` keys are. */
export const patchingClass = 'steward::patching';

export interface ExportCustomer {
  id: number;
  name: string;
  slug: string;
}

export interface ExportTag {
  name: string;
  slug: string;
}

/** One host as exported: its certname, customer, tags (in code-point order) and the policy it follows, if any. */
export interface ExportNode {
  certname: string;
  customer: ExportCustomer | null;
  tags: ExportTag[];
  policy: Policy | null;
}

/** A window rule as Hiera data: the rule's own fields, its zone, and two texts of it. */
export interface HieraWindow {
  kind: WindowRule['kind'];
  /** daily, weekly: HH:MM in `time_zone`. */
  at?: string;
  /** weekly: mon … sun, in week order. */
  days?: string[];
  /** cron: the five fields. */
  expression?: string;
  minutes: number;
  time_zone: string;
  /** How Steward writes the rule: "weekly mon,thu 22:30 90m". */
  text: string;
  /** When windows start, as five cron fields in `time_zone`: "30 22 * * 1,4". */
  cron: string;
}

/** The parameters of class steward::patching: what the policy says, or a host's lot without one (manual, nothing else). */
export interface PatchingParameters {
  policy: string | null;
  mode: PolicyMode;
  installs: Installs | null;
  time_zone: string | null;
  patch_window: HieraWindow | null;
  reboot_window: HieraWindow | null;
  /** After the end of a patch window, until an exposure still open is overdue: "1d", "12h". */
  deadline: string | null;
  deadline_minutes: number | null;
}

export type HieraData = Record<string, unknown>;

export const nodePath = (certname: string): string => `nodes/${certname}.yaml`;
export const customerPath = (customerSlug: string): string => `customers/${customerSlug}.yaml`;
export const tagPath = (customerSlug: string, tagSlug: string): string => `customers/${customerSlug}/tags/${tagSlug}.yaml`;

/** cron's day-of-week numbers (Sunday 0). */
const cronDay = (day: string): number => (weekdays.indexOf(day as (typeof weekdays)[number]) + 1) % 7;

/** When the rule's windows start, as five cron fields: exact for every kind. */
export function cronOf(rule: WindowRule): string {
  if (rule.kind === 'cron') return rule.expression;
  const [hour, minute] = rule.at.split(':').map(Number) as [number, number];
  const days = rule.kind === 'weekly' ? rule.days.map(cronDay).sort((a, b) => a - b).join(',') : '*';
  return `${minute} ${hour} * * ${days}`;
}

export function hieraWindow(rule: WindowRule | null, timeZone: string): HieraWindow | null {
  if (!rule) return null;
  const own = rule.kind === 'cron' ? { expression: rule.expression } : rule.kind === 'weekly' ? { at: rule.at, days: [...rule.days] } : { at: rule.at };
  return { kind: rule.kind, ...own, minutes: rule.minutes, time_zone: timeZone, text: ruleText(rule), cron: cronOf(rule) };
}

export function patchingParameters(policy: Policy | null): PatchingParameters {
  if (!policy) return { policy: null, mode: 'manual', installs: null, time_zone: null, patch_window: null, reboot_window: null, deadline: null, deadline_minutes: null };
  const deadlineMinutes = policy.deadlineMs / 60_000;
  return {
    policy: policy.name,
    mode: policy.mode,
    installs: policy.installs,
    time_zone: policy.timeZone,
    patch_window: hieraWindow(policy.patchWindow, policy.timeZone),
    reboot_window: hieraWindow(policy.rebootWindow, policy.timeZone),
    deadline: durationText(deadlineMinutes),
    deadline_minutes: deadlineMinutes,
  };
}

/** The parameters as Hiera keys: steward::patching::<name>. */
export function patchingKeys(policy: Policy | null): HieraData {
  return Object.fromEntries(Object.entries(patchingParameters(policy)).map(([name, value]) => [`${patchingClass}::${name}`, value]));
}

export function nodeData(node: ExportNode): HieraData {
  return { 'steward::customer': node.customer?.name ?? null, 'steward::tags': node.tags.map((t) => t.name), ...patchingKeys(node.policy) };
}

export function customerData(customer: ExportCustomer, policy: Policy | null): HieraData {
  return { 'steward::customer': customer.name, ...patchingKeys(policy) };
}

export function tagData(customer: ExportCustomer, tag: ExportTag, policy: Policy): HieraData {
  return { 'steward::customer': customer.name, 'steward::tag': tag.name, ...patchingKeys(policy) };
}

const header = '# Written by Steward (steward export hiera); edits are replaced by the next export.\n';

// ---- YAML ----
// Every string is double-quoted: what Puppet's documentation asks of ENC output, because YAML 1.1 (Ruby's Psych, what
// Puppet reads with) reads unquoted on, no or 22:30 as booleans and numbers. Keys are Steward's own (steward::…),
// plain in both YAML versions. Tests read the output back with the yaml library and with Puppet itself.
const yamlOptions = { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 } as const;

/** One YAML document ("---" first) of a mapping. */
export const toYaml = (data: object): string => `---${Object.keys(data).length === 0 ? ' {}\n' : `\n${stringify(data, yamlOptions)}`}`;

/** A Hiera data file: the header comment, then the data. */
export const hieraFile = (data: HieraData): string => `${header}${toYaml(data)}`;

const linesOf = (data: object): string => stringify(data, yamlOptions).trimEnd();

/**
 * Node files for many hosts: `hieraFile(nodeData(node))`, with the part that is the same for every host of a policy
 * rendered once per policy.
 */
export class NodeFiles {
  private readonly blocks = new Map<number | null, string>();

  file(node: ExportNode): string {
    const id = node.policy?.id ?? null;
    let block = this.blocks.get(id);
    if (block === undefined) this.blocks.set(id, (block = linesOf(patchingKeys(node.policy))));
    const own: HieraData = { 'steward::customer': node.customer?.name ?? null, 'steward::tags': node.tags.map((t) => t.name) };
    return `${header}---\n${linesOf(own)}\n${block}\n`;
  }
}
