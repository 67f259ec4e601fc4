import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Policy } from '../policies/service.js';
import { encAnswer, validateEnvironment } from './enc.js';
import { cronOf, customerData, type ExportNode, hieraFile, hieraWindow, NodeFiles, nodeData, patchingParameters, tagData, toYaml } from './hiera.js';

const weekly: Policy = {
  id: 1,
  name: 'db-weekly',
  mode: 'automatic',
  timeZone: 'Europe/Zurich',
  installs: 'all',
  patchWindow: { kind: 'weekly', days: ['mon', 'thu', 'sun'], at: '22:30', minutes: 90 },
  rebootWindow: { kind: 'cron', expression: '0 3 * * 0', minutes: 60 },
  deadlineMs: 2 * 86_400_000,
};
const manual: Policy = { id: 2, name: 'by-hand', mode: 'manual', timeZone: 'UTC', installs: 'security', patchWindow: { kind: 'daily', at: '02:00', minutes: 120 }, rebootWindow: null, deadlineMs: 0 };
const acme = { id: 7, name: 'Acme AG', slug: 'acme-ag' };
const node: ExportNode = { certname: 'db1.example.com', customer: acme, tags: [{ name: 'db', slug: 'db' }, { name: 'prod/eu', slug: 'prod-eu' }], policy: weekly };

/** What Puppet's YAML 1.1 reader and a YAML 1.2 reader both make of the text. */
function readBoth(text: string): unknown {
  const v11 = YAML.parse(text, { version: '1.1' }) as unknown;
  expect(YAML.parse(text, { version: '1.2' })).toEqual(v11);
  return v11;
}

describe('Hiera documents', () => {
  it('write a window as its rule, its zone, its text and its start times as cron fields', () => {
    expect(hieraWindow(weekly.patchWindow, 'Europe/Zurich')).toEqual({ kind: 'weekly', at: '22:30', days: ['mon', 'thu', 'sun'], minutes: 90, time_zone: 'Europe/Zurich', text: 'weekly mon,thu,sun 22:30 90m', cron: '30 22 * * 0,1,4' });
    expect(hieraWindow(manual.patchWindow, 'UTC')).toEqual({ kind: 'daily', at: '02:00', minutes: 120, time_zone: 'UTC', text: 'daily 02:00 2h', cron: '0 2 * * *' });
    expect(hieraWindow(weekly.rebootWindow, 'UTC')).toEqual({ kind: 'cron', expression: '0 3 * * 0', minutes: 60, time_zone: 'UTC', text: "cron '0 3 * * 0' 1h", cron: '0 3 * * 0' });
    expect(cronOf({ kind: 'weekly', days: ['sat', 'sun'], at: '00:05', minutes: 5 })).toBe('5 0 * * 0,6');
    expect(hieraWindow(null, 'UTC')).toBeNull();
  });

  it("give a node its customer, its tags and every parameter of its policy, null where the policy says nothing", () => {
    expect(nodeData(node)).toEqual({
      'steward::customer': 'Acme AG',
      'steward::tags': ['db', 'prod/eu'],
      'steward::patching::policy': 'db-weekly',
      'steward::patching::mode': 'automatic',
      'steward::patching::installs': 'all',
      'steward::patching::time_zone': 'Europe/Zurich',
      'steward::patching::patch_window': hieraWindow(weekly.patchWindow, 'Europe/Zurich'),
      'steward::patching::reboot_window': hieraWindow(weekly.rebootWindow, 'Europe/Zurich'),
      'steward::patching::deadline': '2d',
      'steward::patching::deadline_minutes': 2880,
    });
    expect(patchingParameters(manual)).toMatchObject({ mode: 'manual', reboot_window: null, deadline: '0m', deadline_minutes: 0 });
  });

  it('give a host without a policy mode manual and nothing else', () => {
    expect(nodeData({ certname: 'lone', customer: null, tags: [], policy: null })).toEqual({
      'steward::customer': null,
      'steward::tags': [],
      'steward::patching::policy': null,
      'steward::patching::mode': 'manual',
      'steward::patching::installs': null,
      'steward::patching::time_zone': null,
      'steward::patching::patch_window': null,
      'steward::patching::reboot_window': null,
      'steward::patching::deadline': null,
      'steward::patching::deadline_minutes': null,
    });
  });

  it('give customer and tag files the same keys, with the customer and the tag', () => {
    expect(Object.keys(customerData(acme, null))).toEqual(['steward::customer', ...Object.keys(nodeData(node)).slice(2)]);
    expect(tagData(acme, { name: 'db', slug: 'db' }, weekly)).toMatchObject({ 'steward::customer': 'Acme AG', 'steward::tag': 'db', 'steward::patching::policy': 'db-weekly' });
  });

  it('render YAML that reads back the same in YAML 1.1 (Puppet) and 1.2, whatever the strings hold (keys plain, as Steward writes them)', () => {
    const tricky = ['no', 'yes', 'on', 'Off', 'y', 'n', '~', 'null', '22:30', '1:20:30', '0x1f', '010', '1e3', '.inf', '2024-01-01', '+1', '1_000', '', ' padded ', 'a: b', '#x', '- x', '"quoted"', "it's", 'back\\slash', 'tab\there', 'two\nlines', 'line\u2028sep', 'c1\u0085', 'bom\ufeff', 'é ü 日本', '*alias', '&anchor', '!tag', '%directive', '@at', '`tick`', '{flow}', '[list]'];
    const data = { 'steward::customer': 'Acme', list: tricky, map: Object.fromEntries(tricky.map((t, i) => [`k${i}`, t])), zero: 0, big: 2880, none: null, empty: [], nothing: {}, enabled: true };
    const text = toYaml(data);
    expect(text.startsWith('---\n')).toBe(true);
    expect(readBoth(text)).toEqual(data);
    expect(text).not.toMatch(/[&*]\w+\n/); // no anchors or aliases
  });

  it('start a Hiera file with a comment and a document marker', () => {
    const text = hieraFile(nodeData(node));
    expect(text.split('\n').slice(0, 4)).toEqual(['# Written by Steward (steward export hiera); edits are replaced by the next export.', '---', 'steward::customer: "Acme AG"', 'steward::tags:']);
    expect(readBoth(text)).toEqual(nodeData(node));
  });

  it('render node files for a fleet exactly as one by one', () => {
    const files = new NodeFiles();
    const nodes: ExportNode[] = [node, { ...node, certname: 'db2', tags: [] }, { certname: 'x', customer: null, tags: [], policy: null }, { ...node, policy: manual }, node];
    for (const n of nodes) expect(files.file(n)).toBe(hieraFile(nodeData(n)));
  });
});

describe('the ENC answer', () => {
  it('declares class steward::patching with the Hiera parameters, and top-scope variables for the hierarchy', () => {
    const answer = encAnswer(node);
    expect(answer).toEqual({
      classes: { 'steward::patching': patchingParameters(weekly) },
      parameters: { steward_customer: 'Acme AG', steward_customer_slug: 'acme-ag', steward_tags: ['db', 'prod/eu'], steward_tag_slugs: ['db', 'prod-eu'], steward_policy: 'db-weekly' },
      environment: 'production',
    });
    expect(readBoth(toYaml(answer))).toEqual(answer);
    expect(encAnswer({ certname: 'x', customer: null, tags: [], policy: null }, 'staging').parameters).toEqual({ steward_customer: null, steward_customer_slug: null, steward_tags: [], steward_tag_slugs: [], steward_policy: null });
  });

  it('takes environment names as Puppet does', () => {
    expect(validateEnvironment('production')).toBe('production');
    expect(validateEnvironment('feature_42')).toBe('feature_42');
    expect(() => validateEnvironment('../prod')).toThrow(/environment: expected letters, digits and underscores/);
    expect(() => validateEnvironment('')).toThrow(/environment/);
  });
});
