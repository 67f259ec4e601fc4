// `steward scan`, the real command, offline: the real Debian 12 status file against a DSA list in the real format
// written here, and the real Ubuntu OSV notices against a small jammy status file. The JSON is an interface others
// rely on, so it is checked whole.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

// Versions of the status file: openssl 3.0.19-1~deb12u2 (libssl-dev, libssl3, openssl), curl 7.88.1-10+deb12u14,
// bash 5.2.15-2+b8 built from bash 5.2.15-2, vim 2:9.0.1378-2+deb12u2 (vim, vim-common, vim-runtime, xxd), git,
// tar 1.34+dfsg-1.2+deb12u1. One entry is indented with spaces, as some of the real list is.
const dsaList = `[02 Apr 2024] DSA-9101-1 openssl - security update
\t{CVE-2099-1001}
\t[bookworm] - openssl 3.0.20-1~deb12u1
[03 Apr 2024] DSA-9102-1 curl - security update
\t{CVE-2099-1002}
\t[bookworm] - curl 7.88.1-10+deb12u5
[04 Apr 2024] DSA-9103-1 bash - security update
\t[bullseye] - bash 5.1-2+deb11u1
        [bookworm] - bash 5.2.15-2+deb12u1
[05 Apr 2024] DSA-9104-1 vim - security update
\t{CVE-2099-1004}
\t[bookworm] - vim <unfixed>
[06 Apr 2024] DSA-9105-1 git - security update
\t[bookworm] - git <not-affected> (Vulnerable code not present)
[07 Apr 2024] DSA-9106-1 tar - security update
\t[bullseye] - tar 1.34+dfsg-1+deb11u1
\t[bookworm] - tar 1.34+dfsg-1.2+deb12u2
[08 Apr 2024] DSA-9107-1 linux - security update
\t[bookworm] - linux 6.1.90-1
`;

const exposure = (advisory: string, pkg: string, installedVersion: string, fixedVersion: string | null) => ({
  advisory,
  package: pkg,
  installedVersion,
  fixedVersion,
  state: fixedVersion === null ? 'unfixed' : 'fixed-available',
});

const debianExposures = [
  exposure('DSA-9101-1', 'libssl-dev', '3.0.19-1~deb12u2', '3.0.20-1~deb12u1'),
  exposure('DSA-9101-1', 'libssl3', '3.0.19-1~deb12u2', '3.0.20-1~deb12u1'),
  exposure('DSA-9101-1', 'openssl', '3.0.19-1~deb12u2', '3.0.20-1~deb12u1'),
  // Judged at its source version 5.2.15-2; reported at the binary's own.
  exposure('DSA-9103-1', 'bash', '5.2.15-2+b8', '5.2.15-2+deb12u1'),
  exposure('DSA-9104-1', 'vim', '2:9.0.1378-2+deb12u2', null),
  exposure('DSA-9104-1', 'vim-common', '2:9.0.1378-2+deb12u2', null),
  exposure('DSA-9104-1', 'vim-runtime', '2:9.0.1378-2+deb12u2', null),
  exposure('DSA-9104-1', 'xxd', '2:9.0.1378-2+deb12u2', null),
  exposure('DSA-9106-1', 'tar', '1.34+dfsg-1.2+deb12u1', '1.34+dfsg-1.2+deb12u2'),
];

const kernelStanza = (abi: string, version: string) =>
  `\nPackage: linux-image-${abi}\nStatus: install ok installed\nPriority: optional\nSection: kernel\nArchitecture: amd64\nSource: linux\nVersion: ${version}\nDescription: Linux 6.1 for 64-bit PCs\n`;

const stanza = (name: string, version: string, source?: string) =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\n`;
const jammyStatus = [
  stanza('bash', '5.1-6ubuntu1'),
  stanza('curl', '7.81.0-1ubuntu1.16'),
  stanza('libcurl4', '7.81.0-1ubuntu1.16', 'curl'),
  stanza('libssl3', '3.0.2-0ubuntu1.15', 'openssl'),
  stanza('openssl', '3.0.2-0ubuntu1.15'),
  stanza('sudo', '1.9.9-1ubuntu2.4'),
].join('\n');

describe('steward scan (offline)', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  const json = (stdout: string) => JSON.parse(stdout) as { exposures: ReturnType<typeof exposure>[] };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-scan-'));
    copyFileSync(fixture('dpkg/status-debian12-sample'), path('status'));
    writeFileSync(path('status-with-kernels'), readFileSync(path('status'), 'utf8') + kernelStanza('6.1.0-18-amd64', '6.1.76-1') + kernelStanza('6.1.0-20-amd64', '6.1.85-1'));
    writeFileSync(path('DSA-list'), dsaList);
    writeFileSync(path('bad-list'), dsaList.replace('vim <unfixed>', 'vim <frobbed>'));
    writeFileSync(path('jammy-status'), jammyStatus);
    cpSync(fixture('ubuntu/osv'), path('osv'), { recursive: true });
    copyFileSync(fixture('ubuntu/usn/6937-1.json'), path('usn-6937-1.json'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly the exposures of the real Debian 12 status file: fixed, unfixed, by source version; not below, not not-affected, not other releases', async () => {
    const r = await runCli(['scan', '--status', path('status'), '--release', 'bookworm', '--advisories', path('DSA-list'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(json(r.stdout)).toEqual({ exposures: debianExposures });
  });

  it('prints the per-host report with the fix command, and takes a release version for its codename', async () => {
    const r = await runCli(['scan', '--status', path('status'), '--release', '12', '--advisories', path('DSA-list')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('bookworm: 727 installed packages against 7 advisories from 1 source(s)');
    expect(lines[1]).toBe('9 exposures in 4 advisories (5 with a fix available, 4 unfixed):');
    expect(lines[2]).toMatch(/^advisory +package +arch +installed +fixed +state$/);
    expect(lines.find((l) => l.startsWith('DSA-9103-1'))).toMatch(/^DSA-9103-1 +bash +amd64 +5\.2\.15-2\+b8 +5\.2\.15-2\+deb12u1 +fixed-available$/);
    expect(lines.find((l) => l.startsWith('DSA-9104-1  xxd'))).toMatch(/2:9\.0\.1378-2\+deb12u2 +\(none\) +unfixed$/);
    expect(lines).toContain('fix: apt-get install --only-upgrade bash libssl-dev libssl3 openssl tar');
  });

  it('sets installed kernels that are not running apart with --kernel, and counts every kernel without it', async () => {
    const args = ['scan', '--status', path('status-with-kernels'), '--release', 'bookworm', '--advisories', path('DSA-list')];
    const running = exposure('DSA-9107-1', 'linux-image-6.1.0-20-amd64', '6.1.85-1', '6.1.90-1');
    const other = exposure('DSA-9107-1', 'linux-image-6.1.0-18-amd64', '6.1.76-1', '6.1.90-1');
    const withKernel = await runCli([...args, '--kernel', '6.1.0-20-amd64', '--json']);
    expect(withKernel.code, withKernel.stderr).toBe(0);
    expect(json(withKernel.stdout)).toEqual({ exposures: [...debianExposures, running] });
    const unknown = await runCli([...args, '--json']);
    expect(json(unknown.stdout)).toEqual({ exposures: [...debianExposures, other, running] });
    const text = await runCli([...args, '--kernel', '6.1.0-20-amd64']);
    const apart = text.stdout.split('\n\n').find((block) => block.startsWith('kernels installed but not running'));
    expect(apart?.split('\n').filter((l) => l.startsWith('DSA-'))).toEqual([expect.stringMatching(/^DSA-9107-1 +linux-image-6\.1\.0-18-amd64 +amd64 +6\.1\.76-1 +6\.1\.90-1 +fixed-available$/)]);
    expect(text.stdout).toContain('fix: apt-get install --only-upgrade bash libssl-dev libssl3 linux-image-6.1.0-20-amd64 openssl tar\n');
  });

  it("matches Ubuntu's real OSV notices (a folder) and USN JSON against a jammy status file by binary versions", async () => {
    const r = await runCli(['scan', '--status', path('jammy-status'), '--release', '22.04', '--advisories', path('osv'), '--advisories', path('usn-6937-1.json'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    // Not USN-6622-1 (openssl fixed in …1.14), USN-6429-1 (curl, …1.14) or USN-5811-1 (sudo, …2.2): already fixed here.
    expect(json(r.stdout)).toEqual({
      exposures: [
        exposure('USN-6937-1', 'libssl3', '3.0.2-0ubuntu1.15', '3.0.2-0ubuntu1.17'),
        exposure('USN-6937-1', 'openssl', '3.0.2-0ubuntu1.15', '3.0.2-0ubuntu1.17'),
        exposure('USN-6944-1', 'curl', '7.81.0-1ubuntu1.16', '7.81.0-1ubuntu1.17'),
        exposure('USN-6944-1', 'libcurl4', '7.81.0-1ubuntu1.16', '7.81.0-1ubuntu1.17'),
        exposure('USN-7604-1', 'sudo', '1.9.9-1ubuntu2.4', '1.9.9-1ubuntu2.5'),
      ],
    });
  });

  it("scans this machine's own status file with its own release when neither is given", async () => {
    const r = await runCli(['scan', '--advisories', path('DSA-list'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    for (const e of json(r.stdout).exposures) expect(Object.keys(e)).toEqual(['advisory', 'package', 'installedVersion', 'fixedVersion', 'state']);
  });

  it('exits 1 with one line for a bad advisory file, an unknown release, a bad status file or no advisories', async () => {
    const base = ['scan', '--status', path('status'), '--release', 'bookworm'];
    const cases: [string[], RegExp][] = [
      [[...base, '--advisories', path('bad-list')], new RegExp(`^steward: ${path('bad-list')}: list line 12: unknown tag <frobbed>: expected one of `)],
      [['scan', '--status', path('status'), '--release', 'bookwormish', '--advisories', path('DSA-list')], /^steward: --release: unknown release "bookwormish"/],
      [['scan', '--status', path('DSA-list'), '--release', 'bookworm', '--advisories', path('DSA-list')], new RegExp(`^steward: ${path('DSA-list')}: dpkg status line 1: expected "Field: value"`)],
      [[...base, '--advisories', path('missing')], new RegExp(`^steward: ${path('missing')}: no such file or folder$`)],
      [base, /^steward: --advisories: name at least one advisory file/],
      [['scan', '--status', path('jammy-status'), '--advisories', path('DSA-list')], /^steward: --release: which release is .*jammy-status from\?/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringMatching(message)]);
    }
  });
});
