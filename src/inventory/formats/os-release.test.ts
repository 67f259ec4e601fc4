import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OsRelease, parseOsRelease } from './os-release.js';

const ubuntu2204 = `PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`;

// Quoting a shell would read differently from a naive split; every line here is valid sh.
const tricky = `# a comment, then a blank line

  ID='debian'
PRETTY_NAME="a \\"quoted\\" \\$word \\\\ and \\n kept"
VERSION_ID=12' (bookworm)'
UBUNTU_CODENAME=noble   # trailing comment
`;

/** What `sh` makes of the file when sourcing it: the oracle for the parser. */
function sourcedBySh(text: string): OsRelease {
  const dir = mkdtempSync(join(tmpdir(), 'steward-os-release-'));
  try {
    writeFileSync(join(dir, 'os-release'), text);
    const script = '. "$1"; printf "%s\\0" "$ID" "$VERSION_ID" "${VERSION_CODENAME:-$UBUNTU_CODENAME}" "$PRETTY_NAME"';
    const [osId, osVersion, osCodename, prettyName] = execFileSync('sh', ['-c', script, 'sh', join(dir, 'os-release')], { encoding: 'utf8', env: { PATH: process.env.PATH } }).split('\0');
    const defined = Object.entries({ osId, osVersion, osCodename, prettyName }).filter(([, v]) => v);
    return Object.fromEntries(defined) as OsRelease;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const definedOnly = (r: OsRelease) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));

describe('parseOsRelease', () => {
  it('reads Ubuntu 22.04', () => {
    expect(parseOsRelease(ubuntu2204)).toEqual({ osId: 'ubuntu', osVersion: '22.04', osCodename: 'jammy', prettyName: 'Ubuntu 22.04.4 LTS' });
  });

  it('falls back to UBUNTU_CODENAME when VERSION_CODENAME is absent or empty', () => {
    expect(parseOsRelease('ID=ubuntu\nUBUNTU_CODENAME=xenial\n').osCodename).toBe('xenial');
    expect(parseOsRelease('ID=ubuntu\nVERSION_CODENAME=\nUBUNTU_CODENAME=xenial\n').osCodename).toBe('xenial');
    expect(parseOsRelease('ID=debian\n').osCodename).toBeUndefined();
  });

  it('unquotes single quotes and backslash escapes in double quotes', () => {
    expect(parseOsRelease(tricky)).toEqual({ osId: 'debian', osVersion: '12 (bookworm)', osCodename: 'noble', prettyName: 'a "quoted" $word \\ and \\n kept' });
  });

  it('accepts CRLF line ends', () => {
    expect(parseOsRelease(ubuntu2204.replace(/\n/g, '\r\n'))).toEqual(parseOsRelease(ubuntu2204));
  });

  it('skips lines that are not assignments and values that are not one shell word', () => {
    expect(definedOnly(parseOsRelease('garbage line\nID="unterminated\nVERSION_ID=1 2\nVERSION_CODENAME=ok\n'))).toEqual({ osCodename: 'ok' });
  });

  it.each([
    ['Ubuntu 22.04', ubuntu2204],
    ['tricky quoting', tricky],
  ])('reads %s as sh does', (_, text) => {
    expect(definedOnly(parseOsRelease(text))).toEqual(sourcedBySh(text));
  });

  it.skipIf(!existsSync('/etc/os-release'))("reads this machine's /etc/os-release as sh does", () => {
    const text = readFileSync('/etc/os-release', 'utf8');
    const expected = sourcedBySh(text);
    expect(expected.osId).toBeTruthy();
    expect(definedOnly(parseOsRelease(text))).toEqual(expected);
  });
});
