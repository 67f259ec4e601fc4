import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures.js';
import { dpkgInstalledRows, hasDpkgQuery, packageRow } from '../../../test/helpers/dpkg.js';
import { collectLocalReport } from './collect.js';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const hasDpkg = hasDpkgQuery && existsSync('/var/lib/dpkg/status');

const dir = mkdtempSync(join(tmpdir(), 'steward-collect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const sample = fixture('dpkg/status-debian12-sample');
const machineId = '0123456789abcdef0123456789abcdef';
const ubuntu = file('ubuntu-os-release', 'NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nUBUNTU_CODENAME=jammy\n');

describe.skipIf(!hasDpkg)('collectLocalReport on this machine', () => {
  it("reports dpkg's installed packages, the running kernel and the machine's identity", async () => {
    const report = await collectLocalReport();
    expect(report.packages.map(packageRow).sort()).toEqual(dpkgInstalledRows());

    expect(report.host.kernel).toBe(run('uname', ['-r']).trim());
    expect(report.host.name).toBe(run('uname', ['-n']).trim());
    expect(report.host.architecture).toBe(run('dpkg', ['--print-architecture']).trim());
    const osId = run('sh', ['-c', '. /etc/os-release && printf %s "$ID"']);
    expect(osId).not.toBe('');
    expect(report.host.osId).toBe(osId);
    if (existsSync('/etc/machine-id')) expect(report.host.machineId).toBe(readFileSync('/etc/machine-id', 'utf8').trim());
    expect(report.host.customer).toBeUndefined();
  });
});

describe('collectLocalReport with given paths', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('reads the files it is pointed at and takes name and customer as given', async () => {
    const report = await collectLocalReport({
      statusPath: sample,
      osReleasePath: ubuntu,
      machineIdPath: file('machine-id', `${machineId}\n`),
      hostname: 'web1.example.com',
      customer: 'acme',
    });
    expect(report.host).toMatchObject({ name: 'web1.example.com', customer: 'acme', machineId, osId: 'ubuntu', osVersion: '22.04', osCodename: 'jammy' });
    expect(report.packages).toHaveLength(727);
    // Normalized: in (name, arch) order, as the server expects.
    const outOfOrder = report.packages.filter((p, i) => {
      const prev = report.packages[i - 1];
      return prev && !(prev.name < p.name || (prev.name === p.name && prev.arch < p.arch));
    });
    expect(outOfOrder).toEqual([]);
    expect(report.packages.find((p) => p.name === 'libcap2-bin')).toMatchObject({ source: 'libcap2', sourceVersion: '1:2.66-4+deb12u2' });
  });

  it.each([
    ['absent', join(dir, 'no-such-machine-id')],
    ['empty', file('empty-machine-id', '')],
    ['a placeholder', file('placeholder-machine-id', 'uninitialized\n')],
  ])('leaves machineId out when the file is %s', async (_, machineIdPath) => {
    const report = await collectLocalReport({ statusPath: sample, osReleasePath: ubuntu, machineIdPath, hostname: 'h' });
    expect(report.host.name).toBe('h');
    expect('machineId' in report.host).toBe(false);
  });

  it('leaves the OS out when there is no os-release', async () => {
    const report = await collectLocalReport({ statusPath: sample, osReleasePath: join(dir, 'no-such-os-release'), hostname: 'h' });
    expect(report.host.osId).toBeUndefined();
    expect(report.host.osCodename).toBeUndefined();
    expect(report.packages).toHaveLength(727);
  });

  it('says which status file it could not read', async () => {
    const missing = join(dir, 'no-such-status');
    await expect(collectLocalReport({ statusPath: missing })).rejects.toThrow(`cannot read the dpkg status file ${missing}: ENOENT`);
  });

  it('passes on what is wrong with a damaged status file', async () => {
    const text = readFileSync(sample, 'utf8');
    const cut = text.slice(0, text.indexOf('\nVersion:', 5000) + 1);
    await expect(collectLocalReport({ statusPath: file('cut-status', cut), osReleasePath: ubuntu })).rejects.toThrow(/dpkg status line \d+ \(package /);
  });

  it.skipIf(!hasDpkg)("falls back to Node's architecture when dpkg cannot be run, named as dpkg names it", async () => {
    const dpkgSays = run('dpkg', ['--print-architecture']).trim();
    vi.stubEnv('PATH', join(dir, 'empty-path'));
    const report = await collectLocalReport({ statusPath: sample, osReleasePath: ubuntu });
    expect(report.host.architecture).toBe(dpkgSays);
  });
});

describe('collectLocalReport default paths', () => {
  afterEach(() => {
    vi.doUnmock('node:fs/promises');
    vi.resetModules();
  });

  it('falls back to /usr/lib/os-release and the D-Bus machine-id', async () => {
    const files: Record<string, string> = {
      '/usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="24.04"\nUBUNTU_CODENAME=noble\n',
      '/etc/machine-id': 'uninitialized\n',
      '/var/lib/dbus/machine-id': `${machineId}\n`,
    };
    vi.doMock('node:fs/promises', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs/promises')>();
      const readFile = async (path: string, encoding: BufferEncoding) => {
        if (path === sample) return actual.readFile(path, encoding);
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
        return text;
      };
      return { ...actual, readFile, default: { ...actual, readFile } };
    });
    vi.resetModules();
    const { collectLocalReport: collect } = await import('./collect.js');
    const report = await collect({ statusPath: sample, hostname: 'h' });
    expect(report.host).toMatchObject({ osId: 'ubuntu', osVersion: '24.04', osCodename: 'noble', machineId });
  });
});
