// `steward export hiera|enc`, the real command, on a temporary data directory: the tree and its summary line, a
// directory it refuses to replace, the ENC answer on stdout, and an unknown or refused node with exit code 1, a line on
// stderr and nothing on stdout (what Puppet's exec node terminus takes as "node not found").
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logger.js';
import { openSteward } from '../../src/server.js';
import { importHosts } from '../../src/inventory/index.js';
import { runCli } from '../helpers/cli.js';

// Each run starts the CLI from its TypeScript sources (a few seconds on a busy machine), so tests get room.
describe('steward export (CLI)', { timeout: 120_000 }, () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(['--data', join(dir, 'data'), ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-export-cli-'));
    const steward = await openSteward(loadConfig({ dataDir: join(dir, 'data'), logLevel: 'silent' }, {}), createLogger('silent'));
    try {
      const { inventory, policies } = steward;
      await inventory.addCustomer('Acme AG', null);
      await importHosts(inventory.store, 'name,customer,tags\nWeb1.example.com,Acme AG,web\ndb1.example.com,Acme AG,db\n');
      await inventory.ingest({ host: { name: 'not a certname', customer: 'Acme AG' }, packages: [] });
      const weekly = await policies.create({ name: 'db-weekly', mode: 'automatic', timeZone: 'Europe/Zurich', patchWindow: { kind: 'weekly', days: ['mon', 'thu'], at: '22:30', minutes: 90 }, rebootWindow: { kind: 'daily', at: '04:00', minutes: 30 } });
      await policies.assign(weekly.id, { customer: 'Acme AG', tag: 'db' });
    } finally {
      await steward.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the Hiera tree and says what it wrote, and again over the previous export', async () => {
    const out = join(dir, 'hieradata');
    const first = await cli('export', 'hiera', out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`exported 2 hosts, 1 customer file, 1 tag file into ${out}\nskipped 1 host:\n  "not a certname" (host 3): its name in lower case is not a valid certname\n`);
    expect(readdirSync(join(out, 'nodes')).sort()).toEqual(['db1.example.com.yaml', 'web1.example.com.yaml']);
    expect(YAML.parse(readFileSync(join(out, 'customers/acme-ag/tags/db.yaml'), 'utf8'))).toMatchObject({ 'steward::tag': 'db', 'steward::patching::policy': 'db-weekly' });
    const again = await cli('export', 'hiera', out, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ dir: out, hosts: 2, customers: 1, tags: 1, skipped: [{ id: 3, name: 'not a certname', reason: 'its name in lower case is not a valid certname' }] });
    expect(readdirSync(dir).sort()).toEqual(['data', 'hieradata']);
  });

  it('refuses to replace a directory that is not an earlier export, with one line on stderr', async () => {
    const foreign = join(dir, 'code');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'site.pp'), 'node default {}\n');
    const r = await cli('export', 'hiera', foreign);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`steward: export directory ${foreign} is not empty and holds no .steward-export file: it was not written by steward export hiera, so it is not replaced\n`);
    expect(readdirSync(foreign)).toEqual(['site.pp']);
  });

  it("prints a node's ENC answer on stdout and nothing else", async () => {
    const r = await cli('export', 'enc', 'db1.example.com');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('---\nclasses:\n  steward::patching:\n')).toBe(true);
    expect(YAML.parse(r.stdout, { version: '1.1' })).toEqual({
      classes: {
        'steward::patching': {
          policy: 'db-weekly',
          mode: 'automatic',
          installs: 'security',
          time_zone: 'Europe/Zurich',
          patch_window: { kind: 'weekly', at: '22:30', days: ['mon', 'thu'], minutes: 90, time_zone: 'Europe/Zurich', text: 'weekly mon,thu 22:30 90m', cron: '30 22 * * 1,4' },
          reboot_window: { kind: 'daily', at: '04:00', minutes: 30, time_zone: 'Europe/Zurich', text: 'daily 04:00 30m', cron: '0 4 * * *' },
          deadline: '1d',
          deadline_minutes: 1440,
        },
      },
      parameters: { steward_customer: 'Acme AG', steward_customer_slug: 'acme-ag', steward_tags: ['db'], steward_tag_slugs: ['db'], steward_policy: 'db-weekly' },
      environment: 'production',
    });
    const staging = await cli('export', 'enc', 'web1.example.com', '--environment', 'staging');
    expect(staging.code, staging.stderr).toBe(0);
    expect(YAML.parse(staging.stdout)).toMatchObject({ classes: { 'steward::patching': { mode: 'manual', policy: null } }, environment: 'staging' });
  });

  it('exits with 1, a line on stderr and nothing on stdout for an unknown node or a refused certname', async () => {
    const [unknown, escape, upper] = await Promise.all([cli('export', 'enc', 'nope.example.com'), cli('export', 'enc', '../db1.example.com'), cli('export', 'enc', 'DB1.example.com')]);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: "steward: no host has the certname nope.example.com (a host's certname is its inventory name in lower case)\n" });
    expect(escape).toEqual({ code: 1, stdout: '', stderr: 'steward: certname "../db1.example.com": a certname may not contain "/", "\\" or ".." (it names a file)\n' });
    expect(upper).toEqual({ code: 1, stdout: '', stderr: 'steward: certname "DB1.example.com": certnames are lower case ("db1.example.com")\n' });
    expect(existsSync(join(dir, 'db1.example.com'))).toBe(false);
  });
});
