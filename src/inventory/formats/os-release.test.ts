import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from './os-release.js';

describe('parseOsRelease', () => {
  it('reads Ubuntu 22.04 with quoted values and falls back to UBUNTU_CODENAME', () => {
    const text = `PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=jammy\n# comment\n`;
    expect(parseOsRelease(text)).toEqual({ osId: 'ubuntu', osVersion: '22.04', osCodename: 'jammy', prettyName: 'Ubuntu 22.04.4 LTS' });
  });

  it('unquotes single quotes and backslash escapes in double quotes', () => {
    expect(parseOsRelease(`ID='debian'\nPRETTY_NAME="a \\"b\\" c"\nVERSION_CODENAME=bookworm`)).toEqual({
      osId: 'debian',
      osVersion: undefined,
      osCodename: 'bookworm',
      prettyName: 'a "b" c',
    });
  });

  it.skipIf(!existsSync('/etc/os-release'))("reads this machine's /etc/os-release", () => {
    const text = readFileSync('/etc/os-release', 'utf8');
    const id = /^ID=(.*)$/m.exec(text)![1]!.replace(/"/g, '');
    expect(parseOsRelease(text).osId).toBe(id);
  });
});
