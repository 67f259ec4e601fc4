// `steward policies …`, the real command, on a temporary data directory: adding policies from the rule text forms,
// refusing bad input with one line on stderr, updating only what is given, assigning to customers and tags, a host's
// policy with its next windows, and removing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Each run starts a real process (through tsx): a few seconds each on a busy machine.
describe('steward policies (CLI)', { timeout: 240_000 }, () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(['--data', dir, ...args]);
  const ok = async (...args: string[]) => {
    const r = await cli(...args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const refused = async (...args: string[]) => {
    const r = await cli(...args);
    expect(r.code, `${args.join(' ')} exited 0: ${r.stdout}`).not.toBe(0);
    // One readable line.
    expect(r.stderr.split('\n')).toHaveLength(2);
    return r.stderr.trimEnd();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-policies-cli-'));
    await ok('customer', 'add', 'Acme');
    await ok('customer', 'add', 'Other');
    writeFileSync(join(dir, 'hosts.csv'), 'name,customer,tags\nweb-1,Acme,web|prod\ndb-1,Acme,db\nx-1,Other,secret\n');
    await ok('hosts', 'import', join(dir, 'hosts.csv'));
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a policy from the rule text forms and shows it', async () => {
    const out = await ok('policies', 'add', 'nightly', '--mode', 'automatic', '--tz', 'Europe/Zurich', '--patch', 'daily 02:00 2h', '--reboot', 'weekly sun,wed 03:00 1h', '--deadline', '2d');
    expect(out.split('\n')).toEqual([
      'added policy nightly (id 1)',
      'policy nightly (id 1): automatic, installs security updates, time zone Europe/Zurich',
      'patch window:  daily 02:00 2h',
      'reboot window: weekly wed,sun 03:00 1h',
      'deadline:      2d after the end of the patch window',
      'assigned to:   nobody',
      '',
    ]);
    await ok('policies', 'add', 'by-hand', '--mode', 'manual');
  });

  it('refuses bad input with exit code 1 and one line naming the option, and adds nothing', async () => {
    const base = ['policies', 'add', 'bad', '--mode', 'automatic', '--reboot', 'weekly sun 03:00 1h'];
    expect(await refused(...base, '--patch', 'daily 02:00 2h', '--tz', 'Mars/Olympus')).toBe('steward: --tz: unknown time zone "Mars/Olympus": expected UTC or an IANA name like Europe/Zurich');
    expect(await refused(...base, '--patch', 'daily 02:00 0m')).toBe('steward: --patch length: expected 1m to 7d, got "0m"');
    expect(await refused(...base, '--patch', "cron '0 0 30 2 *' 1h")).toBe('steward: --patch expression: "0 0 30 2 *" never fires: a window must come at least once a year');
    expect(await refused(...base, '--patch', 'hourly 2h')).toBe(`steward: --patch: expected "daily HH:MM LENGTH", "weekly DAYS HH:MM LENGTH" or "cron 'EXPRESSION' LENGTH", got "hourly 2h"`);
    expect(await refused(...base)).toBe('steward: --patch: an automatic policy needs a patch window');
    expect(await refused('policies', 'add', 'nightly', '--mode', 'manual')).toBe('steward: a policy named nightly already exists');
    expect(JSON.parse(await ok('policies', 'list', '--json')).map((p: { name: string }) => p.name)).toEqual(['by-hand', 'nightly']);
  });

  it('updates only the options given', async () => {
    await ok('policies', 'update', 'nightly', '--installs', 'all', '--reboot', "cron '30 2 * * 1-5' 90m");
    const p = JSON.parse(await ok('policies', 'show', 'nightly', '--windows', '2', '--json'));
    expect(p).toMatchObject({
      mode: 'automatic',
      timeZone: 'Europe/Zurich',
      installs: 'all',
      deadline: '2d',
      patchWindow: { kind: 'daily', at: '02:00', minutes: 120 },
      rebootWindow: { kind: 'cron', expression: '30 2 * * 1-5', minutes: 90 },
    });
    expect(p.upcoming.patch).toHaveLength(2);
    expect(p.upcoming.reboot).toHaveLength(2);
    expect(await refused('policies', 'update', 'nightly', '--deadline', '31d')).toBe('steward: --deadline: expected 0m to 30d, got "31d"');
    expect(await refused('policies', 'update', 'nope', '--installs', 'all')).toBe('steward: policy nope not found');
  });

  it('assigns to a customer tag, refusing a tag of another customer', async () => {
    expect(await ok('policies', 'assign', 'nightly', '--customer', 'Acme', '--tag', 'web')).toBe('assigned policy nightly to customer Acme tag web\n');
    await ok('policies', 'assign', 'by-hand', '--customer', 'Acme');
    expect(await refused('policies', 'assign', 'nightly', '--customer', 'Acme', '--tag', 'secret')).toBe(
      'steward: --tag: customer Acme has no tag "secret": "secret" is a tag of Other, and an assignment\'s tag must be its own customer\'s',
    );
    const table = (await ok('policies', 'list')).split('\n');
    expect(table[0]).toMatch(/^id\s+name\s+mode\s+tz\s+patch\s+reboot\s+installs\s+deadline\s+assigned$/);
    expect(table[1]).toMatch(/^2\s+by-hand\s+manual\s+UTC\s+none\s+none\s+security\s+1d\s+Acme$/);
    expect(table[2]).toMatch(/^1\s+nightly\s+automatic\s+Europe\/Zurich\s+daily 02:00 2h\s+cron '30 2 \* \* 1-5' 90m\s+all\s+2d\s+Acme\/web$/);
  });

  it("shows a host's policy and its next windows, in UTC and on the zone's wall clock", async () => {
    const out = (await ok('policies', 'host', 'web-1')).split('\n');
    expect(out[0]).toBe('host web-1 follows policy nightly through customer Acme tag web');
    expect(out).toContain('next windows:');
    const rows = out.slice(out.indexOf('next windows:') + 2).filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^patch\s+\S+Z\s+\S+Z\s+\d{4}-\d\d-\d\d 0[23]:00 CES?T – (\d{4}-\d\d-\d\d )?0[45]:00 CES?T$/);
    expect(rows[1]).toMatch(/^reboot\s+\S+Z\s+\S+Z\s+\d{4}-\d\d-\d\d (02:30|03:00) CES?T – /);
    const json = JSON.parse(await ok('policies', 'host', 'web-1', '--json'));
    expect(json).toMatchObject({ policy: { name: 'nightly' }, via: { customer: { name: 'Acme' }, tag: 'web' } });
    expect(Date.parse(json.nextPatchWindow.end) - Date.parse(json.nextPatchWindow.start)).toBe(2 * 3_600_000);
    expect(Date.parse(json.nextPatchWindow.end)).toBeGreaterThan(Date.now());
    expect(await ok('policies', 'host', 'x-1')).toBe('host x-1 follows no policy: it is patched by hand (manual)\n');
    expect(await refused('policies', 'host', 'nope')).toBe('steward: host nope not found (give its name or id; steward hosts list shows them)');
  });

  it('removes a policy only once it is unassigned', async () => {
    expect(await refused('policies', 'remove', 'nightly')).toBe('steward: policy nightly is still assigned to customer Acme tag web: unassign it first');
    expect(await ok('policies', 'unassign', 'nightly', '--customer', 'Acme', '--tag', 'web')).toBe('unassigned policy nightly from customer Acme tag web\n');
    expect((await ok('policies', 'host', 'web-1')).split('\n')[0]).toBe('host web-1 follows policy by-hand through customer Acme');
    expect(await ok('policies', 'remove', 'nightly')).toBe('removed policy nightly\n');
    expect(JSON.parse(await ok('policies', 'list', '--json')).map((p: { name: string }) => p.name)).toEqual(['by-hand']);
  });
});
